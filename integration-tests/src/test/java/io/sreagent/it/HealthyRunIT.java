package io.sreagent.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.sreagent.it.support.AppProcess;
import io.sreagent.it.support.Jdks;
import io.sreagent.it.support.Reports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A healthy service under a few hundred requests gets no warning or critical finding. */
class HealthyRunIT {

    @Test
    void healthyTrafficRaisesNoAlarm() throws Exception {
        // Short windows so the heap and descriptor rules really judge this run instead of waiting for data.
        try (AppProcess app = AppProcess.testApp()
                .agent("report.dir=reports,evaluate.interval=200ms,heap.window=3s,fd.window=3s,fd.growth=16")
                .name("healthy").start()) {
            ExecutorService clients = Executors.newFixedThreadPool(8);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String path = switch (i % 3) {
                    case 0 -> "/orders";
                    case 1 -> "/orders/" + (1 + i % 500);
                    default -> "/health";
                };
                results.add(clients.submit(() -> app.get(path)));
            }
            for (Future<Integer> r : results) {
                assertEquals(200, r.get());
            }
            clients.shutdown();
            Thread.sleep(4000); // longer than the rule windows: every rule has judged the run
            JsonNode report = app.report();
            assertEquals(List.of(), Reports.alarms(report), "healthy run raised alarms:\n" + report.toPrettyString());
            assertTrue(report.path("metrics").path("agent").path("evaluations").asInt() >= 10);
            assertEquals(0, report.path("metrics").path("agent").path("internalErrors").asInt());
            assertTrue(report.path("metrics").path("agent").path("woven").asBoolean(), "the instrumentation is installed");
            JsonNode weavings = report.path("metrics").path("agent").path("weavings");
            assertTrue(weavings.path("jdbc:acquire").path("woven").asLong() >= 1, weavings.toString());
            assertTrue(weavings.path("http:servlet-jakarta").path("woven").asLong() >= 1, weavings.toString());
            weavings.fields().forEachRemaining(w -> assertEquals(0, w.getValue().path("failures").asLong(), w.getKey() + ": " + weavings));
            assertEquals(List.of(), Reports.findings(report, "weaving-failed"));
            assertTrue(Reports.files(app.workDir().resolve("reports"), "threshold.json").isEmpty());
        }
    }

    static List<Path> jdks() {
        return Jdks.all();
    }

    /** JDK 25 warns about every use of sun.misc.Unsafe; the agent's copy of Byte Buddy must make none. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void theAgentPrintsNoWarningIntoTheApplicationsOutput(Path java) {
        try (AppProcess app = AppProcess.testApp().java(java).agent("report.dir=reports").name("quiet").start()) {
            app.awaitAgentStarted("premain");
            assertEquals(200, app.get("/orders"));
            List<String> warnings = app.logs().lines()
                    .filter(l -> l.toLowerCase(Locale.ROOT).contains("warning"))
                    // The one notice the JVM prints when any agent appends to the bootstrap class path (README, Known limits).
                    .filter(l -> !l.contains("Sharing is only supported for boot loader classes because bootstrap classpath has been appended"))
                    .toList();
            assertEquals(List.of(), warnings, app.logs());
        }
    }
}
