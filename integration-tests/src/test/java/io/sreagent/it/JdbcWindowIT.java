package io.sreagent.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.sreagent.it.support.AppProcess;
import io.sreagent.it.support.Jdks;
import io.sreagent.it.support.Reports;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * slow-query judges the recent window, with the default options (2 minutes, evaluated every 10 s), on
 * real PostgreSQL behind HikariCP. In one app run two statements are driven at once for 3.5 minutes:
 * the report statement is slow for its first 30 s and fast after, the stock statement fast for 3 minutes
 * and slow for its last 30 s. The report statement is flagged while it is slow and not at the end (at
 * most a recovered info); the stock statement is flagged at the end, with its site and the window's
 * numbers, although its since-start history is mostly fast.
 */
class JdbcWindowIT {
    private static final String SOURCE = "com/example/shop/scenario/PhasedQueryScenario.java";
    private static final String REPORT_SQL = "SELECT pg_sleep(?) AS monthly_report";
    private static final String STOCK_SQL = "SELECT pg_sleep(?) AS stock_level";
    private static final int SLOW_MS = 1200;
    private static final Duration PHASE = Duration.ofSeconds(30);
    private static final Duration RUN = Duration.ofSeconds(210);

    static List<Path> jdks() {
        return Jdks.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void theVerdictFollowsTheRecentWindow(Path java) throws Exception {
        JdbcChecks.assumeDatabase("PostgreSQL", 5432);
        try (AppProcess app = AppProcess.testApp().java(java).agent("report.dir=reports")
                .appArgs("--jdbc-url", "jdbc:postgresql://127.0.0.1:5432/test", "--jdbc-user", "postgres")
                .name("jdbc-window").start()) {
            JdbcChecks.awaitWoven(app);
            long start = System.currentTimeMillis();
            AtomicInteger reportSlow = new AtomicInteger();
            AtomicInteger stockSlow = new AtomicInteger();
            ExecutorService drivers = Executors.newFixedThreadPool(2);
            try {
                // report: slow from 0 to 30 s; stock: slow from 180 s to the end
                Future<?> report = drivers.submit(() -> drive(app, "report", start, 0, PHASE.toMillis(), reportSlow));
                Future<?> stock = drivers.submit(() -> drive(app, "stock", start, RUN.minus(PHASE).toMillis(),
                        RUN.toMillis(), stockSlow));

                // while it is slow, the report statement is flagged (within one evaluation interval, 10 s)
                JsonNode during = app.awaitReport(Duration.ofSeconds(45),
                        r -> slowQuery(r, REPORT_SQL).filter(f -> f.path("severity").asText().equals("warning")).isPresent(),
                        "a slow-query warning for the report statement while it is slow");
                JsonNode early = slowQuery(during, REPORT_SQL).orElseThrow();
                JdbcChecks.assertSite(early, SOURCE, "report-query-site");
                long reportDetectedAfter = Instant.parse(early.path("firstSeen").asText()).toEpochMilli() - start;
                System.out.printf("JdbcWindowIT %s: report statement flagged %.1f s after it turned slow%n",
                        java, reportDetectedAfter / 1000.0);

                report.get();
                stock.get();
            } finally {
                drivers.shutdownNow();
            }

            // the window ends at the latest evaluation: wait for the one that closes the last slow executions
            JsonNode end = app.awaitReport(Duration.ofSeconds(30),
                    r -> slowQuery(r, STOCK_SQL).filter(f -> f.path("severity").asText().equals("warning")
                            && f.path("evidence").path("slowExecutions").asInt() == stockSlow.get()).isPresent(),
                    "a slow-query warning for the stock statement, slow for the last 30 s, with all " + stockSlow.get()
                            + " slow executions");
            JsonNode f = slowQuery(end, STOCK_SQL).orElseThrow();
            long stockDetectedAfter = Instant.parse(f.path("firstSeen").asText()).toEpochMilli() - start
                    - RUN.minus(PHASE).toMillis();
            System.out.printf("JdbcWindowIT %s: stock statement flagged %.1f s after it turned slow; %d of %d"
                            + " executions in the window slow, p99 %d ms%n", java, stockDetectedAfter / 1000.0,
                    f.path("evidence").path("slowExecutions").asInt(), f.path("evidence").path("executions").asInt(),
                    f.path("evidence").path("p99Ms").asInt());
            assertEquals("active", f.path("state").asText(), f.toString());
            assertEquals(STOCK_SQL, f.path("subject").asText(), f.toString());
            assertEquals(120, f.path("windowSeconds").asInt(), f.toString());
            JdbcChecks.assertSite(f, SOURCE, "stock-query-site");
            JsonNode e = f.path("evidence");
            long slowInWindow = e.path("slowExecutions").asLong();
            assertTrue(slowInWindow >= 20, "30 s of back-to-back 1.2 s executions: " + e);
            assertTrue(e.path("p99Ms").asLong() >= SLOW_MS - 50, e.toString());
            assertTrue(e.path("p50Ms").asLong() < 100, "mostly fast even in the window: " + e);
            assertTrue(e.path("executions").asLong() < e.path("executionsSinceStart").asLong(),
                    "the window holds the last 2 minutes, not the whole history: " + e);
            assertEquals(e.path("slowExecutions").asLong(), e.path("slowExecutionsSinceStart").asLong(),
                    "every slow stock execution is recent: " + e);

            // the report statement: slow 3 minutes ago, fast since: no warning left, at most a recovered info
            assertEquals(Optional.empty(), slowQuery(end, REPORT_SQL), end.toPrettyString());
            for (JsonNode r : Reports.recovered(end, "slow-query")) {
                assertEquals("info", r.path("severity").asText(), r.toString());
            }
            JsonNode reportFigures = statementMetrics(end, REPORT_SQL);
            assertEquals(0, reportFigures.path("window").path("slow").asInt(), reportFigures.toString());
            assertEquals(reportSlow.get(), reportFigures.path("slow").asInt(), "the since-start total keeps them: " + reportFigures);
            assertTrue(reportFigures.path("window").path("count").asLong() < reportFigures.path("count").asLong(),
                    reportFigures.toString());

            // nothing else of JDBC is wrong: the pool was never short, no connection leaked
            for (JsonNode alarm : Reports.alarms(end)) {
                String id = alarm.path("id").asText();
                assertTrue(!id.equals("pool-exhaustion") && !id.equals("connection-leak")
                        && !(id.equals("slow-query") && !alarm.path("subject").asText().equals(STOCK_SQL)),
                        "unexpected alarm: " + alarm + "\n" + end.toPrettyString());
            }
            JdbcChecks.assertNoSqlLiterals(end);
        }
    }

    /**
     * Runs one statement back to back from {@code start} to {@code RUN}: slow (SLOW_MS) between
     * {@code slowFrom} and {@code slowTo}, else fast (no sleep in the database) with 100 ms between calls.
     */
    private static Void drive(AppProcess app, String statement, long start, long slowFrom, long slowTo,
                              AtomicInteger slowCount) throws InterruptedException {
        for (long t = 0; t < RUN.toMillis(); t = System.currentTimeMillis() - start) {
            boolean slow = t >= slowFrom && t < slowTo;
            assertEquals(200, app.get("/phased-query?statement=" + statement + "&ms=" + (slow ? SLOW_MS : 0)));
            if (slow) {
                slowCount.incrementAndGet();
            } else {
                Thread.sleep(100);
            }
        }
        return null;
    }

    private static Optional<JsonNode> slowQuery(JsonNode report, String sql) {
        return Reports.findings(report, "slow-query").stream()
                .filter(f -> f.path("evidence").path("sql").asText().equals(sql)).findFirst();
    }

    private static JsonNode statementMetrics(JsonNode report, String sql) {
        for (JsonNode s : report.path("metrics").path("jdbc").path("statements").path("top")) {
            if (s.path("sql").asText().equals(sql)) {
                return s;
            }
        }
        throw new AssertionError("no metrics for " + sql + ":\n" + report.path("metrics").path("jdbc").toPrettyString());
    }
}
