package io.sreagent.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.sreagent.it.support.AppProcess;
import io.sreagent.it.support.Project;
import io.sreagent.it.support.Reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What the JDBC integration tests share: finding look-ups, the test app's marked sites, database checks. */
final class JdbcChecks {
    static final String LEAK_SOURCE = "com/example/shop/scenario/LeakConnectionScenario.java";
    static final String SLOW_SOURCE = "com/example/shop/scenario/SlowQueryScenario.java";
    static final String EXHAUST_SOURCE = "com/example/shop/scenario/ExhaustPoolScenario.java";

    private JdbcChecks() {
    }

    /**
     * Waits until the agent's JDBC advice is in place (the agent weaves on its own thread, after the
     * application has started: on a busy machine that takes seconds), by sending /orders until the
     * report counts acquisitions. Returns the acquisitions counted so far.
     */
    static int awaitWoven(AppProcess app) {
        int[] acquired = new int[1];
        AppProcess.await(Duration.ofSeconds(90), () -> {
            assertEquals(200, app.get("/orders"));
            acquired[0] = app.report().path("metrics").path("jdbc").path("connections").path("acquired").asInt();
            return acquired[0] > 0;
        }, "the agent to weave JDBC");
        return acquired[0];
    }

    /** The finding of this id whose site is the given class and method, if any. */
    static Optional<JsonNode> findingAt(JsonNode report, String id, String className, String method) {
        return Reports.findings(report, id).stream()
                .filter(f -> f.path("site").path("class").asText().equals(className)
                        && f.path("site").path("method").asText().equals(method))
                .findFirst();
    }

    static Optional<JsonNode> leakAtLeakSite(JsonNode report) {
        return findingAt(report, "connection-leak", "com.example.shop.scenario.LeakConnectionScenario", "countOrders");
    }

    /** Waits for a connection-leak finding at the scenario's leak site that holds {@code held} connections now. */
    static JsonNode awaitHeldLeak(AppProcess app, int held) {
        JsonNode report = app.awaitReport(Duration.ofSeconds(30), r -> leakAtLeakSite(r)
                        .filter(f -> f.path("evidence").path("heldNow").asInt() == held).isPresent(),
                "a connection-leak at the leak site holding " + held);
        JsonNode f = leakAtLeakSite(report).orElseThrow();
        assertEquals("warning", f.path("severity").asText(), f.toString());
        assertSite(f, LEAK_SOURCE, "leak-site");
        assertTrue(f.path("evidence").path("oldestAgeSeconds").asDouble() >= f.path("evidence").path("thresholdSeconds").asDouble(),
                f.toString());
        assertTrue(f.path("evidence").path("threads").get(0).asText().startsWith("http-worker"), f.toString());
        assertTrue(f.path("stack").size() > 2, f.toString());
        return f;
    }

    static void assertSite(JsonNode finding, String source, String marker) {
        JsonNode site = finding.path("site");
        String className = source.replace('/', '.').replace(".java", "");
        assertEquals(className, site.path("class").asText(), finding.toString());
        assertEquals(Project.markerLine(source, marker), site.path("line").asInt(), finding.toString());
        assertEquals(source.substring(source.lastIndexOf('/') + 1), site.path("file").asText(), finding.toString());
    }

    /** Calls /slow-query twice and checks the slow-query finding: shape, counts, latency and site. */
    static JsonNode assertSlowQuery(AppProcess app, String expectedSql) {
        assertEquals(200, app.get("/slow-query?ms=1200"));
        assertEquals(200, app.get("/slow-query?ms=1200"));
        // judged over the window as evaluations close it: within one evaluate.interval (10 s by default)
        JsonNode report = app.awaitReport(Duration.ofSeconds(30),
                r -> findingAt(r, "slow-query", "com.example.shop.scenario.SlowQueryScenario", "runSleep")
                        .filter(f -> f.path("evidence").path("slowExecutions").asInt() == 2).isPresent(),
                "a slow-query finding with both slow executions");
        JsonNode f = findingAt(report, "slow-query", "com.example.shop.scenario.SlowQueryScenario", "runSleep").orElseThrow();
        assertEquals("warning", f.path("severity").asText(), f.toString());
        assertEquals(expectedSql, f.path("evidence").path("sql").asText(), f.toString());
        assertEquals(2, f.path("evidence").path("slowExecutions").asInt(), f.toString());
        assertEquals(2, f.path("evidence").path("executions").asInt(), f.toString());
        assertEquals(2, f.path("evidence").path("executionsSinceStart").asInt(), f.toString());
        assertEquals(expectedSql, f.path("subject").asText(), f.toString());
        assertEquals(120, f.path("windowSeconds").asInt(), f.toString());
        assertTrue(f.path("evidence").path("p99Ms").asLong() >= 1150, f.toString());
        assertTrue(f.path("evidence").path("p50Ms").asLong() < 5000, f.toString());
        assertSite(f, SLOW_SOURCE, "slow-query-site");
        return report;
    }

    /** Nothing but normalised SQL in the report: no string literal of the test app's SQL. */
    static void assertNoSqlLiterals(JsonNode report) {
        String json = report.toString();
        for (String literal : List.of("java.lang.Thread.sleep(long)", "@example.com", "Customer 1")) {
            assertFalse(json.contains(literal), "report contains the literal " + literal + ":\n" + report.toPrettyString());
        }
    }

    /** The JVM option that records JFR to {@code recording.jfr} in the app's work directory, written at exit. */
    static final String JFR = "-XX:StartFlightRecording=filename=recording.jfr,dumponexit=true";

    /** Stops the app gracefully (so the recording is dumped) and returns its events of the given type. */
    static List<RecordedEvent> jfrEvents(AppProcess app, String eventName) {
        app.stop();
        Path recording = app.workDir().resolve("recording.jfr");
        try {
            return RecordingFile.readAllEvents(recording).stream()
                    .filter(e -> e.getEventType().getName().equals(eventName)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("no JFR recording at " + recording + "\n" + app.logs(), e);
        }
    }

    /** Skips the test, saying why, when no database listens on 127.0.0.1:port. */
    static void assumeDatabase(String name, int port) {
        boolean up;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            up = true;
        } catch (IOException e) {
            up = false;
        }
        assumeTrue(up, name + " is not reachable on 127.0.0.1:" + port + ": skipping the " + name + " test");
    }
}
