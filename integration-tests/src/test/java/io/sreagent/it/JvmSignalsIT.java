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
        try (AppProcess app = AppProcess.mainClass("io.sreagent.it.apps.HeapHogApp").jvmArg("-Xmx96m")
                .agent("report.dir=reports,evaluate.interval=250ms,heap.window=3s").noPort().name("heap").start()) {
            app.awaitStdout("heap-hog ready");
            JsonNode report = app.awaitReport(Duration.ofSeconds(40), r -> Reports.has(r, "heap-pressure"), "heap-pressure");
            JsonNode f = Reports.findings(report, "heap-pressure").get(0);
            JsonNode e = f.path("evidence");
            assertTrue(e.path("usedAfterGcPercentLowest").asDouble() >= 80, f.toString());
            assertEquals(80.0, e.path("thresholdPercent").asDouble());
            assertEquals(3, e.path("windowSeconds").asInt());
            assertTrue(e.path("maxHeapMb").asInt() >= 90 && e.path("maxHeapMb").asInt() <= 100, f.toString());
            assertTrue(e.path("samples").asInt() >= 2);
            assertTrue(f.path("advice").toString().contains("heap dump"));
        }
    }
}
