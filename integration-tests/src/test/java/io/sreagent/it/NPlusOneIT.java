package io.sreagent.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.sreagent.it.support.AppProcess;
import io.sreagent.it.support.Jdks;
import io.sreagent.it.support.Reports;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * n-plus-one on the default options, H2 behind HikariCP: a route that lists 20 customers and then runs
 * one orders query per customer is reported with the loop's line and the window's numbers; its twins
 * (the same rows in one join, the same rows touched by one batch) and the same route listing only 5
 * customers (5 executions, under the threshold of 10) raise nothing.
 */
class NPlusOneIT {
    private static final String SOURCE = "com/example/shop/scenario/CustomerOrdersScenario.java";
    private static final String ROUTE = "/customer-orders/per-customer";
    private static final String ORDERS_OF_CUSTOMER = "SELECT id, status, amount_cents FROM orders WHERE customer_id = ? ORDER BY id";
    private static final int LOOPING_REQUESTS = 6;

    static List<Path> jdks() {
        return Jdks.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aQueryPerRowIsReportedAtItsLoopAndItsTwinsAreNot(Path java) throws Exception {
        try (AppProcess app = AppProcess.testApp().java(java).agent("report.dir=reports").name("n-plus-one").start()) {
            JdbcChecks.awaitWoven(app);
            for (int i = 0; i < LOOPING_REQUESTS; i++) {
                assertEquals(200, app.get(ROUTE + "?customers=20"));
                assertEquals(200, app.get(ROUTE + "?customers=5"));
                assertEquals(200, app.get("/customer-orders/join?customers=20"));
                assertEquals(200, app.get("/customer-orders/batch?customers=20"));
            }
            long sent = System.currentTimeMillis();

            // every looping request counted: the evaluation after the last one (evaluate.interval, 10 s)
            JsonNode report = app.awaitReport(Duration.ofSeconds(30), r -> nPlusOne(r)
                            .filter(f -> f.path("evidence").path("requestsAffected").asInt() == LOOPING_REQUESTS).isPresent(),
                    "an n-plus-one for " + ROUTE + " with all " + LOOPING_REQUESTS + " looping requests");
            System.out.printf("NPlusOneIT %s: reported %.1f s after the last request%n", java,
                    (System.currentTimeMillis() - sent) / 1000.0);
            JsonNode f = nPlusOne(report).orElseThrow();
            assertEquals("warning", f.path("severity").asText(), f.toString());
            assertEquals("active", f.path("state").asText(), f.toString());
            assertEquals(120, f.path("windowSeconds").asInt(), f.toString());
            JdbcChecks.assertSite(f, SOURCE, "n-plus-one-site");
            assertTrue(f.path("stack").size() > 2, f.toString());
            JsonNode e = f.path("evidence");
            assertEquals("GET", e.path("method").asText(), e.toString());
            assertEquals(ORDERS_OF_CUSTOMER, e.path("sql").asText(), e.toString());
            assertEquals(20, e.path("executionsPerRequestP50").asInt(), "one orders query per customer listed: " + e);
            assertEquals(20, e.path("executionsPerRequestMax").asInt(), e.toString());
            assertEquals(20 * LOOPING_REQUESTS, e.path("executions").asInt(), "the 5-customer requests are not counted: " + e);
            assertEquals(10, e.path("thresholdExecutions").asInt(), e.toString());
            assertTrue(e.path("dbMsPerRequest").asDouble() > 0, e.toString());
            double share = e.path("shareOfRequestPercent").asDouble();
            assertTrue(share > 0 && share <= 100, e.toString());
            assertTrue(f.path("advice").get(0).asText().contains("WHERE customer_id IN (?, ?, ...)"), f.toString());

            // the twins: one join, one batch, and too few executions are not an n-plus-one, nor anything else
            for (JsonNode alarm : Reports.alarms(report)) {
                assertTrue(alarm.path("id").asText().equals("n-plus-one")
                                && alarm.path("evidence").path("route").asText().equals(ROUTE),
                        "unexpected alarm: " + alarm + "\n" + report.toPrettyString());
            }
            JsonNode tracked = report.path("metrics").path("jdbc").path("nPlusOne");
            assertEquals(1, tracked.path("tracked").asInt(), "only the looping route ran a statement 10 times: " + tracked);
            assertEquals(0, tracked.path("dropped").asInt(), tracked.toString());
            assertEquals(LOOPING_REQUESTS, tracked.path("top").get(0).path("requestsInWindow").asInt(), tracked.toString());
            JdbcChecks.assertNoSqlLiterals(report);
        }
    }

    private static Optional<JsonNode> nPlusOne(JsonNode report) {
        return Reports.findings(report, "n-plus-one").stream()
                .filter(f -> f.path("evidence").path("route").asText().equals(ROUTE)).findFirst();
    }
}
