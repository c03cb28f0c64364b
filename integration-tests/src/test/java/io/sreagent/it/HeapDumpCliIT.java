package io.sreagent.it;

import io.sreagent.it.support.AppProcess;
import io.sreagent.it.support.CliRun;
import io.sreagent.it.support.Jdks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code sre-agent heapdump <pid>} writes an HPROF file over JMX, warning about its size first, without loading an agent. */
class HeapDumpCliIT {

    static List<Path> jdks() {
        return Jdks.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void heapDumpIsWrittenAfterASizeWarning(Path java) throws Exception {
        try (AppProcess app = AppProcess.testApp().java(java).name("heapdump").agent("report.dir=reports").start()) {
            Path file = app.workDir().resolve("heap.hprof");
            CliRun run = CliRun.with(java, "heapdump", Long.toString(app.pid()), "--out", file.toString());
            assertEquals(0, run.exitCode(), run.toString());
            assertTrue(run.out().startsWith("WARNING: pid " + app.pid() + " uses "), run.out());
            assertTrue(run.out().contains("heap dump written: " + file), run.out());
            try (InputStream in = Files.newInputStream(file)) {
                assertEquals("JAVA PROFILE", new String(in.readNBytes(12), StandardCharsets.US_ASCII));
            }
            assertFalse(app.stderr().contains("WARNING: A Java agent has been loaded dynamically"), app.stderr());

            CliRun again = CliRun.with(java, "heapdump", Long.toString(app.pid()), "--out", file.toString());
            assertEquals(1, again.exitCode(), "an existing file is never overwritten: " + again);
        }
    }
}
