package io.sreagent.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.sreagent.it.support.AppProcess;
import io.sreagent.it.support.Reports;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** heap-pressure on a real JVM that really holds its heap (fd-leak on the defaults is FdLeakIT). */
class JvmSignalsIT {

    @Test
    void heapHeldAboveThresholdAfterGcIsHeapPressure() {
        // instrument.memory=off: on this heap, 95 % full and collecting all the time, memory-growth's own work
        // (class histograms, the old-object recording) held up the agent's evaluations for tens of seconds.
        // That is a known problem to fix (see the closing note); this test is about heap-pressure.
        // 128 MB, not less: the agent's own few MB (JFR stream, weaving) must fit beside the 85 % the hog keeps,
        // or the application itself runs out of memory (seen at 96 MB on a loaded machine).
        try (AppProcess app = AppProcess.mainClass("io.sreagent.it.apps.HeapHogApp").jvmArg("-Xmx128m")
                .agent("report.dir=reports,evaluate.interval=250ms,heap.window=3s,instrument.memory=off").noPort().name("heap").start()) {
            app.awaitStdout("heap-hog ready");
            JsonNode report = app.awaitReport(Duration.ofSeconds(40), r -> Reports.has(r, "heap-pressure"), "heap-pressure");
            JsonNode f = Reports.findings(report, "heap-pressure").get(0);
            JsonNode e = f.path("evidence");
            assertTrue(e.path("usedAfterGcPercentLowest").asDouble() >= 80, f.toString());
            assertEquals(80.0, e.path("thresholdPercent").asDouble());
            assertEquals(3, e.path("windowSeconds").asInt());
            assertTrue(e.path("maxHeapMb").asInt() >= 120 && e.path("maxHeapMb").asInt() <= 130, f.toString());
            assertTrue(e.path("samples").asInt() >= 2);
            assertTrue(f.path("advice").toString().contains("heap dump"));
        }
    }
}
