package io.sreagent.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.sreagent.it.support.AppProcess;
import io.sreagent.it.support.Jdks;
import io.sreagent.it.support.Project;
import io.sreagent.it.support.Reports;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** JDBC findings on H2 behind HikariCP, the test app's default database, with the agent from launch. */
class JdbcH2IT {

    static List<Path> jdks() {
        return Jdks.all();
    }

    /** Leaked connections held in a field are suspected leaks; dropped ones are certain once collected. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void leaksAreReportedAtTheirSiteHeldThenCollected(Path java) throws Exception {
        try (AppProcess app = AppProcess.testApp().java(java)
                .agent("report.dir=reports,evaluate.interval=500ms,jdbc.leak.threshold=2s,jdbc.stack=always")
                .jvmArg(JdbcChecks.JFR).name("jdbc-leak").start()) {
            JdbcChecks.awaitWoven(app);
            assertEquals(200, app.get("/leak-connection?n=3&hold=true"));
            JsonNode held = JdbcChecks.awaitHeldLeak(app, 3);
            assertEquals("test-app-pool", held.path("evidence").path("pool").asText());
            assertEquals(0, held.path("evidence").path("collectedWithoutClose").asInt());

            assertEquals(200, app.get("/leak-connection?n=2"));
            JsonNode report = app.awaitReport(Duration.ofSeconds(30), r -> {
                gc(app);
                return JdbcChecks.leakAtLeakSite(r)
                        .filter(f -> f.path("evidence").path("collectedWithoutClose").asInt() == 2).isPresent();
            }, "two connections collected without close()");
            JsonNode f = JdbcChecks.leakAtLeakSite(report).orElseThrow();
            assertEquals("critical", f.path("severity").asText(), f.toString());
            assertEquals(3, f.path("evidence").path("heldNow").asInt(), f.toString());
            JdbcChecks.assertSite(f, JdbcChecks.LEAK_SOURCE, "leak-site");
            assertEquals(1, Reports.findings(report, "connection-leak").size(), "one finding per site:\n" + report.toPrettyString());
            // Hikari's own physical connections (open for the pool's life) are not reported.
            JsonNode connections = report.path("metrics").path("jdbc").path("connections");
            assertEquals(0, connections.path("dropped").asInt(), connections.toString());

            // One JFR event per leaked connection: when it passed the threshold, or when it was collected.
            List<RecordedEvent> events = JdbcChecks.jfrEvents(app, "io.sreagent.ConnectionLeak");
            String site = "LeakConnectionScenario.countOrders(LeakConnectionScenario.java:"
                    + Project.markerLine(JdbcChecks.LEAK_SOURCE, "leak-site") + ")";
            // The dropped connections may pass the threshold before the collector finds them: 3 to 5.
            long heldTooLong = events.stream().filter(e -> e.getString("kind").equals("held-too-long")).count();
            assertTrue(heldTooLong >= 3 && heldTooLong <= 5, events.toString());
            assertEquals(2, events.stream().filter(e -> e.getString("kind").equals("collected-without-close")).count(), events.toString());
            assertTrue(events.stream().allMatch(e -> e.getString("site").endsWith(site) && e.getString("pool").equals("test-app-pool")),
                    events.toString());
        }
    }

    @Test
    void exhaustedPoolIsReportedWithTimeoutsAndItsHolders() {
        try (AppProcess app = AppProcess.testApp()
                .agent("report.dir=reports,evaluate.interval=500ms,jdbc.pool.busy=2s,jdbc.stack=always")
                .appArgs("--pool-size", "4", "--pool-timeout-ms", "1000")
                .name("jdbc-pool").start()) {
            JdbcChecks.awaitWoven(app);
            assertEquals(202, app.get("/exhaust-pool?n=4&ms=10000"));
            AppProcess.await(Duration.ofSeconds(10), () -> app.get("/orders") == 500, "an /orders request to time out");
            assertEquals(500, app.get("/orders"));
            JsonNode report = app.awaitReport(Duration.ofSeconds(20), r -> Reports.findings(r, "pool-exhaustion").stream()
                    .anyMatch(f -> f.path("evidence").path("busySeconds").asDouble() >= 2), "a busy, exhausted pool");
            JsonNode f = Reports.findings(report, "pool-exhaustion").get(0);
            assertEquals("critical", f.path("severity").asText(), f.toString());
            JsonNode e = f.path("evidence");
            assertEquals("test-app-pool", e.path("pool").asText());
            assertEquals(4, e.path("max").asInt(), f.toString());
            assertEquals(4, e.path("inUse").asInt(), f.toString());
            assertTrue(e.path("timeoutsInWindow").asInt() >= 2, f.toString());
            assertTrue(e.path("acquire").path("maxMicros").asLong() >= 1_000_000, f.toString());
            JsonNode top = e.path("topHolders").get(0);
            assertEquals(4, top.path("connections").asInt(), f.toString());
            int line = Project.markerLine(JdbcChecks.EXHAUST_SOURCE, "exhaust-site");
            assertEquals("com.example.shop.scenario.ExhaustPoolScenario.holdConnection(ExhaustPoolScenario.java:" + line + ")",
                    top.path("site").asText(), f.toString());
            JdbcChecks.assertSite(f, JdbcChecks.EXHAUST_SOURCE, "exhaust-site");
        }
    }

    /**
     * The default options (stacks sampled, one acquisition in 256): the holders took their connections
     * before the pool was short, so no acquisition stack was kept; the report still names what each holder
     * is doing now, from its current stack, and blames that line.
     */
    @Test
    void exhaustedPoolNamesWhatItsHoldersAreDoingWithTheDefaultOptions() {
        try (AppProcess app = AppProcess.testApp().agent("report.dir=reports")
                .appArgs("--pool-size", "4", "--pool-timeout-ms", "1000")
                .name("jdbc-pool-default").start()) {
            JdbcChecks.awaitWoven(app);
            assertEquals(202, app.get("/exhaust-pool?n=4&ms=60000"));
            AppProcess.await(Duration.ofSeconds(10), () -> app.get("/orders") == 500, "an /orders request to time out");
            assertEquals(500, app.get("/orders"));
            JsonNode report = app.awaitReport(Duration.ofSeconds(40), r -> Reports.findings(r, "pool-exhaustion").stream()
                    .anyMatch(f -> f.path("evidence").path("timeoutsInWindow").asInt() >= 2), "an exhausted pool");
            JsonNode f = Reports.findings(report, "pool-exhaustion").get(0);
            assertEquals("critical", f.path("severity").asText(), f.toString());
            assertEquals("test-app-pool", f.path("subject").asText(), f.toString());
            assertEquals(120, f.path("windowSeconds").asInt(), f.toString());
            int holding = Project.markerLine(JdbcChecks.EXHAUST_SOURCE, "exhaust-holding-site");
            int held = 0;
            for (JsonNode holder : f.path("evidence").path("topHolders")) {
                held += holder.path("connections").asInt();
                for (JsonNode t : holder.path("threads")) {
                    assertTrue(t.path("thread").asText().startsWith("pool-holder-"), f.toString());
                    assertEquals("TIMED_WAITING", t.path("state").asText(), f.toString());
                    assertEquals("com.example.shop.scenario.ExhaustPoolScenario.holdConnection(ExhaustPoolScenario.java:"
                            + holding + ")", t.path("nowAt").asText(), f.toString());
                }
            }
            assertEquals(4, held, "every connection of the pool has its holder listed: " + f);
            // the acquisition line where a stack was sampled, else where the holders are now
            String line = f.path("site").path("line").asText();
            assertTrue(line.equals(Integer.toString(holding))
                    || line.equals(Integer.toString(Project.markerLine(JdbcChecks.EXHAUST_SOURCE, "exhaust-site"))), f.toString());
        }
    }

    @Test
    void slowStatementIsReportedWithItsShapeAndSite() {
        try (AppProcess app = AppProcess.testApp().agent("report.dir=reports")
                .jvmArg(JdbcChecks.JFR).name("jdbc-slow").start()) {
            JdbcChecks.awaitWoven(app);
            JsonNode report = JdbcChecks.assertSlowQuery(app, "SELECT SLEEP(?)");
            JdbcChecks.assertNoSqlLiterals(report);
            assertEquals(List.of(), Reports.findings(report, "connection-leak"), "slow but closed is no leak");
            assertEquals(0, report.path("metrics").path("jdbc").path("internalErrors").asInt(), report.toString());

            // Seeding the schema at start-up can be slow too on a busy machine: only the scenario's statement is checked.
            List<RecordedEvent> events = JdbcChecks.jfrEvents(app, "io.sreagent.SlowQuery").stream()
                    .filter(e -> e.getString("sql").equals("SELECT SLEEP(?)")).toList();
            assertEquals(2, events.size(), events.toString());
            for (RecordedEvent e : events) {
                assertEquals("SELECT SLEEP(?)", e.getString("sql"));
                assertTrue(e.getDuration("executionTime").toMillis() >= 1150, e.toString());
                assertTrue(e.getString("site").startsWith("com.example.shop.scenario.SlowQueryScenario.runSleep("), e.toString());
            }
        }
    }

    /** Several hundred requests that close their connections: no warning, and the books balance. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void healthyTrafficRaisesNoJdbcAlarm(Path java) throws Exception {
        try (AppProcess app = AppProcess.testApp().java(java)
                .agent("report.dir=reports,evaluate.interval=200ms,jdbc.leak.threshold=2s,jdbc.pool.busy=1s")
                .name("jdbc-healthy").start()) {
            int before = JdbcChecks.awaitWoven(app);
            ExecutorService clients = Executors.newFixedThreadPool(8);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String path = i % 2 == 0 ? "/orders" : "/orders/" + (1 + i % 500);
                results.add(clients.submit(() -> app.get(path)));
            }
            for (Future<Integer> r : results) {
                assertEquals(200, r.get());
            }
            clients.shutdown();
            Thread.sleep(3000); // longer than the leak threshold and the busy window
            JsonNode report = app.report();
            assertEquals(List.of(), Reports.alarms(report), "healthy run raised alarms:\n" + report.toPrettyString());
            JsonNode jdbc = report.path("metrics").path("jdbc");
            JsonNode connections = jdbc.path("connections");
            assertTrue(connections.path("acquired").asInt() >= before + 400, jdbc.toString());
            assertEquals(connections.path("acquired").asInt(), connections.path("closed").asInt(), jdbc.toString());
            assertEquals(0, connections.path("live").asInt(), jdbc.toString());
            assertEquals(10, jdbc.path("pools").path("test-app-pool").path("max").asInt(), jdbc.toString());
            assertEquals(0, jdbc.path("internalErrors").asInt(), jdbc.toString());
            JdbcChecks.assertNoSqlLiterals(report);
        }
    }

    /** Asks the app's JVM for a full GC, the way an operator would (jcmd). */
    static void gc(AppProcess app) {
        Path jcmd = app.java().resolveSibling("jcmd");
        try {
            new ProcessBuilder(jcmd.toString(), Long.toString(app.pid()), "GC.run").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        } catch (Exception e) {
            throw new IllegalStateException("jcmd GC.run failed", e);
        }
    }
}
