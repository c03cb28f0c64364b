package io.sreagent.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.sreagent.it.support.AppProcess;
import io.sreagent.it.support.CliRun;
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

/**
 * A pool or a timer created per request and never shut down: the agent, at launch and after a late
 * attach (java.lang.Thread and the pools are retransformed then), reports thread-leak at the line that
 * creates them, with exact counts.
 */
class ThreadLeakIT {
    /** Short windows so the rule judges within the test; the growth floor stays well above a busy server's noise. */
    static final String OPTIONS = "report.dir=reports,evaluate.interval=500ms,threads.window=15s,threads.growth=20";
    static final int REQUESTS = 40;

    static List<Path> jdks() {
        return Jdks.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void executorPerRequestIsReportedWhereItIsCreated(Path java) {
        try (AppProcess app = AppProcess.testApp().java(java).agent(OPTIONS).name("leak-threads").start()) {
            app.awaitAgentStarted("premain");
            drive(app, "/leak-threads", REQUESTS);
            JsonNode f = awaitLeak(app, "LeakThreadsScenario", REQUESTS);
            assertPoolLeak(f, "LeakThreadsScenario", "leak-threads-site", "java.util.concurrent.ThreadPoolExecutor", REQUESTS, 2 * REQUESTS);
            // Pool threads start where tasks are submitted: two lines, one thread each per request.
            List<JsonNode> started = startSites(app.report(), "pool-#-thread-#");
            assertEquals(2, started.size(), started.toString());
            for (JsonNode s : started) {
                assertEquals(REQUESTS, s.path("started").asInt(), s.toString());
                assertEquals(REQUESTS, s.path("alive").asInt(), s.toString());
                assertTrue(s.path("inPool").asBoolean(), s.toString());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void timerPerRequestIsReportedWhereItIsCreated(Path java) {
        try (AppProcess app = AppProcess.testApp().java(java).agent(OPTIONS).name("leak-timer").start()) {
            app.awaitAgentStarted("premain");
            drive(app, "/leak-timer", REQUESTS);
            JsonNode f = awaitLeak(app, "LeakTimerScenario", REQUESTS);
            assertPoolLeak(f, "LeakTimerScenario", "leak-timer-site", "java.util.Timer", REQUESTS, REQUESTS);
            JsonNode started = startSites(app.report(), "cache-refresh-#").get(0);
            assertEquals(REQUESTS, started.path("alive").asInt(), started.toString());
            assertTrue(started.path("site").asText().contains("LeakTimerScenario.java:"
                    + Project.markerLine(source("LeakTimerScenario"), "leak-timer-site")), started.toString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void afterALateAttachOnlyPoolsCreatedSinceAreCounted(Path java) {
        try (AppProcess app = AppProcess.testApp().java(java).name("leak-threads-attach").start()) {
            drive(app, "/leak-threads", 5); // before the agent: these pools are not its to count
            CliRun.with(java, "attach", Long.toString(app.pid()), OPTIONS).expectSuccess();
            app.awaitAgentStarted("agentmain");
            drive(app, "/leak-threads", REQUESTS);
            JsonNode f = awaitLeak(app, "LeakThreadsScenario", REQUESTS);
            assertPoolLeak(f, "LeakThreadsScenario", "leak-threads-site", "java.util.concurrent.ThreadPoolExecutor", REQUESTS, 2 * REQUESTS);
            assertEquals("agentmain", app.report().path("jvm").path("loadedBy").asText());
        }
    }

    /** One request at a time, a steady pace: the growth the rule must see. */
    static void drive(AppProcess app, String path, int requests) {
        for (int i = 0; i < requests; i++) {
            assertEquals(200, app.get(path), path);
            pause(200);
        }
    }

    private static JsonNode awaitLeak(AppProcess app, String scenario, int pools) {
        JsonNode report = app.awaitReport(Duration.ofSeconds(40), r -> leakAt(r, scenario) != null
                && leakAt(r, scenario).path("evidence").path("poolsOpen").asInt() == pools, "thread-leak at " + scenario);
        return leakAt(report, scenario);
    }

    private static JsonNode leakAt(JsonNode report, String scenario) {
        return Reports.findings(report, "thread-leak").stream()
                .filter(f -> f.path("site").path("class").asText().equals("com.example.shop.scenario." + scenario))
                .findFirst().orElse(null);
    }

    private static void assertPoolLeak(JsonNode f, String scenario, String marker, String poolClass, int pools, int threads) {
        JsonNode site = f.path("site");
        assertEquals("doGet", site.path("method").asText(), f.toString());
        assertEquals(scenario + ".java", site.path("file").asText(), f.toString());
        assertEquals(Project.markerLine(source(scenario), marker), site.path("line").asInt(), f.toString());
        assertEquals("warning", f.path("severity").asText());
        JsonNode e = f.path("evidence");
        assertEquals(poolClass, e.path("poolClass").asText(), f.toString());
        assertEquals(pools, e.path("poolsCreated").asInt(), f.toString());
        assertEquals(pools, e.path("poolsOpen").asInt(), f.toString());
        assertEquals(0, e.path("poolsShutDown").asInt(), f.toString());
        assertEquals(threads, e.path("siteThreadsNow").asInt(), f.toString());
        assertTrue(e.path("siteThreadGrowth").asInt() >= 20, f.toString());
        assertTrue(e.path("processThreadsNow").asInt() >= threads, f.toString());
        assertTrue(e.path("siteThreadsPerMinute").asDouble() > 0, f.toString());
        assertTrue(f.path("advice").size() >= 2, f.toString());
        assertTrue(f.path("stack").toString().contains(scenario + ".doGet"), f.toString());
    }

    private static List<JsonNode> startSites(JsonNode report, String namePattern) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode s : report.path("metrics").path("threads").path("startSites")) {
            if (s.path("namePattern").asText().equals(namePattern)) {
                out.add(s);
            }
        }
        assertTrue(!out.isEmpty(), "no start site with threads named " + namePattern + " in " + report.path("metrics").path("threads"));
        return out;
    }

    static String source(String scenario) {
        return "com/example/shop/scenario/" + scenario + ".java";
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
