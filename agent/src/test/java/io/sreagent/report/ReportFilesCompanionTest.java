package io.sreagent.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportFilesCompanionTest {

    @Test
    void aFeatureFileBesideAReportIsPrunedWithIt(@TempDir Path dir) throws Exception {
        ReportFiles files = new ReportFiles(dir, List.of("json"), 1);
        Path first = files.write(report(Instant.parse("2026-01-01T00:00:00Z")), 7).get(0);
        Path recording = files.companion(first, "jfr");
        assertEquals(first.getFileName().toString().replace(".json", ".jfr"), recording.getFileName().toString());
        Files.writeString(recording, "x");

        Path second = files.write(report(Instant.parse("2026-01-01T00:01:00Z")), 7).get(0);
        assertFalse(Files.exists(first));
        assertFalse(Files.exists(recording), "the recording goes with its report");
        assertTrue(Files.exists(second));
        assertThrows(IllegalArgumentException.class, () -> files.companion(dir.resolve("other.json"), "jfr"));
    }

    private static Report report(Instant at) {
        return new Report(at, new Trigger(Trigger.Kind.THRESHOLD, "test"), Map.of(), Map.of(), List.of(), Map.of());
    }
}
