package io.sreagent.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.sreagent.it.support.AppProcess;
import io.sreagent.it.support.Jdks;
import io.sreagent.it.support.Project;
import io.sreagent.it.support.Reports;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The agent at launch finds a deadlock the test app makes, names both threads and the exact lines. */
class DeadlockIT {

    static List<Path> jdks() {
        return Jdks.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void monitorDeadlockIsReportedWithBothThreadsAndSites(Path java) {
        try (AppProcess app = AppProcess.testApp().java(java).agent("report.dir=reports,evaluate.interval=500ms").name("deadlock").start()) {
            // The deadlocked frames must not be in methods rewoven after they were entered: on JDK 25 such frames lose their file name.
            app.awaitAgentStarted("premain");
            assertEquals(202, app.get("/deadlock"));
            JsonNode report = app.awaitReport(Duration.ofSeconds(20), r -> Reports.has(r, "deadlock"), "a deadlock finding");
            JsonNode f = Reports.findings(report, "deadlock").get(0);
            assertDeadlock(f, "DeadlockScenario", "deadlock-a", "deadlock-b", "deadlock-site-a", "deadlock-site-b", "java.lang.Object@");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void reentrantLockDeadlockIsReportedWithBothThreadsAndSites(Path java) {
        try (AppProcess app = AppProcess.testApp().java(java).agent("report.dir=reports,evaluate.interval=500ms").name("lock-deadlock").start()) {
            app.awaitAgentStarted("premain");
            assertEquals(202, app.get("/deadlock-locks"));
            JsonNode report = app.awaitReport(Duration.ofSeconds(20), r -> Reports.has(r, "deadlock"), "a deadlock finding");
            JsonNode f = Reports.findings(report, "deadlock").get(0);
            assertDeadlock(f, "LockDeadlockScenario", "lock-deadlock-a", "lock-deadlock-b", "lock-deadlock-site-a",
                    "lock-deadlock-site-b", "java.util.concurrent.locks.ReentrantLock$NonfairSync@");
        }
    }

    private static void assertDeadlock(JsonNode f, String scenario, String threadA, String threadB, String markerA,
                                       String markerB, String lockPrefix) {
        String source = "com/example/shop/scenario/" + scenario + ".java";
        assertEquals("critical", f.path("severity").asText());
        assertEquals(2, f.path("evidence").path("threadCount").asInt(), f.toString());
        List<String> names = new ArrayList<>();
        for (JsonNode t : f.path("evidence").path("threads")) {
            String name = t.path("name").asText();
            names.add(name);
            boolean isA = name.equals(threadA);
            JsonNode site = t.path("site");
            assertEquals("com.example.shop.scenario." + scenario, site.path("class").asText(), t.toString());
            assertEquals(isA ? "lockAThenB" : "lockBThenA", site.path("method").asText(), t.toString());
            assertEquals(Project.markerLine(source, isA ? markerA : markerB), site.path("line").asInt(), t.toString());
            assertTrue(t.path("waitingFor").asText().startsWith(lockPrefix), t.toString());
            assertEquals(isA ? threadB : threadA, t.path("heldBy").asText(), t.toString());
            assertEquals(1, t.path("holds").size(), t.toString());
        }
        assertEquals(List.of(threadA, threadB), names);
        JsonNode site = f.path("site");
        assertEquals("lockAThenB", site.path("method").asText());
        assertEquals(Project.markerLine(source, markerA), site.path("line").asInt());
        assertEquals(scenario + ".java", site.path("file").asText());
        assertTrue(f.path("advice").size() >= 2);
        assertTrue(f.path("stack").size() >= 1);
    }
}
