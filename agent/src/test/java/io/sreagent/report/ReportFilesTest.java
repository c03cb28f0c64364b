package io.sreagent.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportFilesTest {

    private static Report report(Instant at, Trigger.Kind kind) {
        Map<String, Object> jvm = Map.of("pid", 7L, "mainClass", "Main", "javaVersion", "17", "uptimeMs", 1000L);
        return new Report(at, new Trigger(kind, null), jvm, Map.of(), List.of(), Map.of());
    }

    @Test
    void namesSortByTimeAndCarryPidAndTrigger(@TempDir Path dir) throws Exception {
        ReportFiles files = new ReportFiles(dir.resolve("r"), List.of("json", "text"), 10);
        List<Path> written = files.write(report(Instant.parse("2026-11-21T10:15:30.123Z"), Trigger.Kind.THRESHOLD), 7);
        assertEquals(List.of("sre-agent-20261121T101530.123Z-pid7-threshold.json", "sre-agent-20261121T101530.123Z-pid7-threshold.txt"),
                written.stream().map(p -> p.getFileName().toString()).toList());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(written.get(0))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("r"))));
        assertTrue(Files.readString(written.get(0)).contains("\"schema\": \"sre-agent/report/v1\""));
    }

    @Test
    void keepsOnlyTheNewestReportsAndLeavesOtherFilesAlone(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "mine");
        ReportFiles files = new ReportFiles(dir, List.of("json", "text"), 3);
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 6; i++) {
            files.write(report(t.plusSeconds(i), Trigger.Kind.PERIODIC), 7);
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<String> names = s.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(7, names.size(), names.toString());
            assertTrue(names.contains("notes.txt"));
            assertTrue(names.get(1).contains("T000003.000Z"), "the oldest three were deleted: " + names);
        }
    }

    @Test
    void anotherJvmsReportsAndAThresholdReportSurvivePeriodicOnes(@TempDir Path dir) throws Exception {
        ReportFiles files = new ReportFiles(dir, List.of("json"), 2);
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        files.write(report(t, Trigger.Kind.PERIODIC), 8); // another JVM sharing the directory
        files.write(report(t.plusSeconds(1), Trigger.Kind.THRESHOLD), 7);
        for (int i = 2; i < 10; i++) {
            files.write(report(t.plusSeconds(i), Trigger.Kind.PERIODIC), 7);
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<String> names = s.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(List.of("sre-agent-20260101T000000.000Z-pid8-periodic.json", "sre-agent-20260101T000001.000Z-pid7-threshold.json",
                    "sre-agent-20260101T000008.000Z-pid7-periodic.json", "sre-agent-20260101T000009.000Z-pid7-periodic.json"), names);
        }
    }
}
