package io.sreagent.feature.jdbc;

import io.sreagent.core.Rule;
import io.sreagent.report.Finding;
import io.sreagent.report.Site;
import io.sreagent.support.StackSites;
import com.example.fixture.AppCode;
import org.junit.jupiter.api.Test;

import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JdbcRulesTest {
    private static final long WINDOW = 120_000;
    private static final StackCapture CAPTURE = new StackCapture(new StackSites(List.of()), StackCapture.Mode.SAMPLED, 256);
    private static final Site SITE = new Site("com.acme.Orders", "load", "Orders.java", 42);
    private static final StackCapture.Origin ORIGIN = new StackCapture.Origin(SITE,
            new StackTraceElement[] {new StackTraceElement("com.acme.Orders", "load", "Orders.java", 42)});

    @Test
    void leakSeverityFollowsWhatIsKnown() {
        ConnectionTracker t = new ConnectionTracker(100);
        Object held = new Object();
        t.acquired(held, "pool", 0, "w", ORIGIN);
        ConnectionLeakRule rule = new ConnectionLeakRule(t, 30_000, List.of());

        assertTrue(evaluate(rule, 10_000).isEmpty(), "young connections are no leak");
        t.newlyHeldTooLong(45_000, 30_000); // what the feature does every evaluation
        Finding f = evaluate(rule, 45_000).get(0);
        assertEquals("connection-leak", f.id());
        assertEquals("warning", f.severity().label());
        assertEquals(SITE, f.site());
        assertEquals(SITE.toString(), f.subject());
        assertEquals(1, f.evidence().get("heldNow"));
        assertEquals(45.0, f.evidence().get("oldestAgeSeconds"));
        assertFalse(JdbcFeature.sitesMissing(t, quietPools(), 45_000, 30_000), "a leak with its site needs no more stacks");

        t.closed(held, () -> 50_000L);
        Finding late = evaluate(rule, 60_000).get(0);
        assertEquals("info", late.severity().label(), "returned after being reported: noted as info");
        assertEquals(1L, late.evidence().get("returnedAfterReport"));
        assertFalse(JdbcFeature.sitesMissing(t, quietPools(), 60_000, 30_000));
    }

    @Test
    void aLeakWithoutSiteEscalatesStackCapture() {
        ConnectionTracker t = new ConnectionTracker(100);
        Object held = new Object();
        t.acquired(held, "pool", 0, "w", null);
        Finding f = evaluate(new ConnectionLeakRule(t, 1_000, List.of()), 5_000).get(0);
        assertNull(f.site());
        assertTrue(JdbcFeature.sitesMissing(t, quietPools(), 5_000, 1_000), "stack capture escalates");
        assertTrue(f.title().contains("unknown site"), f.title());
    }

    private static PoolExhaustionRule quietPools() {
        return new PoolExhaustionRule(new Pools(1_000_000_000L, 60_000), new ConnectionTracker(10),
                new StatementStats(10, WINDOW), CAPTURE, 30_000, 1_000, 30_000);
    }

    @Test
    void allowListedSitesAreNeverReported() {
        ConnectionTracker t = new ConnectionTracker(100);
        Object held = new Object();
        t.acquired(held, "pool", 0, "w", ORIGIN);
        assertTrue(evaluate(new ConnectionLeakRule(t, 1_000, List.of("com.acme.Orders.load.")), 5_000).isEmpty());
        assertTrue(evaluate(new ConnectionLeakRule(t, 1_000, List.of("com.acme.")), 5_000).isEmpty());
        assertEquals(1, evaluate(new ConnectionLeakRule(t, 1_000, List.of("com.acme.Orders.loadAll.")), 5_000).size());
    }

    @Test
    void oneSlowExecutionAmongManyIsInfoARepeatedOneAWarning() {
        StatementStats stats = new StatementStats(10, WINDOW);
        StatementStats.Stat s = stats.statOf("SELECT ?");
        for (int i = 0; i < 1000; i++) {
            stats.record(s, 2_000_000, false);
        }
        slow(stats, s, 1_000, 1500);
        stats.tick(10_000);
        SlowQueryRule rule = new SlowQueryRule(stats, 1000);
        Finding once = evaluate(rule, 10_000).get(0);
        assertEquals("info", once.severity().label());
        assertEquals("SELECT ?", once.subject());
        assertEquals(Duration.ofMillis(WINDOW), once.window());

        StatementStats.Stat slow = stats.statOf("SELECT pg_sleep(?)");
        for (int i = 0; i < 2; i++) {
            slow(stats, slow, 11_000, 1200);
        }
        stats.tick(20_000);
        Finding repeated = evaluate(rule, 20_000).stream().filter(f -> f.evidence().get("sql").equals("SELECT pg_sleep(?)"))
                .findFirst().orElseThrow();
        assertEquals("warning", repeated.severity().label());
        assertEquals(SITE, repeated.site());
        assertEquals(2L, repeated.evidence().get("slowExecutions"));
    }

    @Test
    void aStatementSlowBeforeTheWindowAndFastSinceIsNotReported() {
        StatementStats stats = new StatementStats(10, WINDOW);
        StatementStats.Stat s = stats.statOf("SELECT pg_sleep(?)");
        SlowQueryRule rule = new SlowQueryRule(stats, 1000);
        for (int i = 0; i < 20; i++) {
            slow(stats, s, 5_000, 1200);
        }
        stats.tick(10_000);
        assertEquals("warning", evaluate(rule, 10_000).get(0).severity().label(), "slow now");
        // fast from then on, one evaluation every 10 s
        long now = 10_000;
        while (now < 10_000 + WINDOW) {
            now += 10_000;
            for (int i = 0; i < 50; i++) {
                stats.record(s, 1_000_000, false);
            }
            stats.tick(now);
            if (now < 10_000 + WINDOW) {
                assertEquals(1, evaluate(rule, now).size(), "the slow interval is still in the window at " + now);
            }
        }
        assertTrue(evaluate(rule, now).isEmpty(), "the slow interval left the window");
        assertEquals(20L, s.slow(), "the since-start total stays");
        Map<String, Object> top = topStatement(stats, now);
        assertEquals(20L, top.get("slow"));
        assertEquals(0L, ((Map<?, ?>) top.get("window")).get("slow"));
        assertEquals(600L, ((Map<?, ?>) top.get("window")).get("count"));
    }

    @Test
    void aStatementThatTurnsSlowAfterALongFastHistoryIsReportedWithWindowFigures() {
        StatementStats stats = new StatementStats(10, WINDOW);
        StatementStats.Stat s = stats.statOf("SELECT * FROM orders WHERE id = ?");
        SlowQueryRule rule = new SlowQueryRule(stats, 1000);
        long now = 0;
        for (int tick = 0; tick < 60; tick++) { // ten minutes fast
            now += 10_000;
            for (int i = 0; i < 100; i++) {
                stats.record(s, 500_000, false);
            }
            stats.tick(now);
        }
        assertTrue(evaluate(rule, now).isEmpty());
        for (int tick = 0; tick < 3; tick++) { // then 30 s in which it is often slow
            now += 10_000;
            for (int i = 0; i < 100; i++) {
                stats.record(s, 500_000, false);
            }
            for (int i = 0; i < 10; i++) {
                slow(stats, s, now - 5_000, 2000);
            }
            stats.tick(now);
        }
        Finding f = evaluate(rule, now).get(0);
        assertEquals("warning", f.severity().label(), f.evidence().toString());
        assertEquals(30L, f.evidence().get("slowExecutions"));
        assertEquals(9 * 100L + 3 * 110, f.evidence().get("executions"), "the window's executions: 12 intervals");
        assertTrue((Long) f.evidence().get("p99Ms") >= 1900, f.evidence().toString());
        assertEquals(6_330L, f.evidence().get("executionsSinceStart"));
        assertTrue(s.micros.total().getValueAtPercentile(99) < 1_000, "since start, 30 slow of 6 330 hide under p99");
        assertEquals(5, ((List<?>) f.evidence().get("recentSlow")).size(), "the latest slow samples");
    }

    @Test
    void statementsAreBoundedWithAnOtherBucket() {
        StatementStats stats = new StatementStats(10, WINDOW);
        for (int i = 0; i < 25; i++) {
            stats.record(stats.statOf("SELECT " + i), 1000, false);
        }
        assertEquals(11, stats.all().size());
        assertEquals(15, stats.statOf(StatementStats.OTHER).count());
    }

    @Test
    void acquisitionTimeoutsMakeTheExhaustionCritical() {
        Pools pools = new Pools(1_000_000_000L, 60_000);
        Object source = new Object();
        PoolStats pool = pools.of(source);
        pool.sample(0, 0);
        pool.acquired(50_000, null);
        pool.acquired(1_000_500_000L, new SQLTransientConnectionException("Connection is not available, request timed out"));
        pool.sample(1_000, 3);
        PoolExhaustionRule rule = new PoolExhaustionRule(pools, new ConnectionTracker(10), new StatementStats(10, WINDOW),
                CAPTURE, 30_000, 1_000, 30_000);
        Finding f = evaluate(rule, 1_000).get(0);
        assertEquals("critical", f.severity().label());
        assertEquals(1L, f.evidence().get("timeoutsInWindow"));
        assertEquals(1L, f.evidence().get("slowAcquiresInWindow"));
        assertEquals(2L, f.evidence().get("acquisitionsInWindow"));
        assertEquals(pool.name(), f.subject());
        assertEquals(Duration.ofMinutes(1), f.window());
    }

    @Test
    void timeoutsOlderThanTheWindowAreNoLongerAnExhaustion() {
        Pools pools = new Pools(1_000_000_000L, 60_000);
        PoolStats pool = pools.of(new Object());
        PoolExhaustionRule rule = new PoolExhaustionRule(pools, new ConnectionTracker(10), new StatementStats(10, WINDOW),
                CAPTURE, 30_000, 1_000, 30_000);
        pool.sample(0, 0);
        for (int i = 0; i < 5; i++) {
            pool.acquired(1_000_500_000L, new SQLTransientConnectionException("request timed out after 1000ms"));
        }
        pool.sample(10_000, 1);
        assertEquals("critical", evaluate(rule, 10_000).get(0).severity().label());
        long now = 10_000;
        for (int i = 0; i < 6; i++) { // a minute of quick acquisitions
            now += 10_000;
            pool.acquired(40_000, null);
            pool.sample(now, 1);
        }
        assertTrue(evaluate(rule, now).isEmpty(), "the time-outs left the one-minute window");
        Map<String, Object> m = pool.metrics(now);
        assertEquals(5L, m.get("timeouts"), "the since-start total stays");
        Map<?, ?> window = (Map<?, ?>) m.get("window");
        assertEquals(0L, window.get("timeouts"));
        assertEquals(6L, ((Map<?, ?>) window.get("acquire")).get("count"));
        assertEquals(60.0, window.get("seconds"));
    }

    @Test
    void aPoolBusyBeforeTheWindowIsNotReported() {
        Pools pools = new Pools(1_000_000_000L, 60_000);
        PoolStats pool = pools.of(new Object());
        PoolExhaustionRule rule = new PoolExhaustionRule(pools, new ConnectionTracker(10), new StatementStats(10, WINDOW),
                CAPTURE, 30_000, 1_000, 30_000);
        // the pool cannot be read (not HikariCP): in use is what the agent tracks, and max unknown, so
        // busy is never judged; only time-outs and slow acquisitions count
        for (int i = 0; i <= 6; i++) {
            pool.acquired(2_000_000_000L, null);
            pool.sample(i * 10_000L, 10);
        }
        assertEquals("warning", evaluate(rule, 60_000).get(0).severity().label(), "slow acquisitions now");
        for (int i = 7; i <= 14; i++) {
            pool.acquired(10_000, null);
            pool.sample(i * 10_000L, 1);
        }
        assertTrue(evaluate(rule, 140_000).isEmpty());
    }

    @Test
    void aQuietPoolIsNoFinding() {
        Pools pools = new Pools(1_000_000_000L, 60_000);
        PoolStats pool = pools.of(new Object());
        for (int i = 0; i < 10; i++) {
            pool.acquired(30_000, null);
            pool.sample(i * 1000L, 1);
        }
        assertTrue(evaluate(new PoolExhaustionRule(pools, new ConnectionTracker(10), new StatementStats(10, WINDOW),
                CAPTURE, 3_000, 1_000, 30_000), 10_000).isEmpty());
    }

    @Test
    void busyTimeIsTheUnbrokenRunAtEightyPercentUpToNow() {
        List<PoolStats.Snapshot> s = List.of(snap(0, 10), snap(1000, 8), snap(2000, 5), snap(3000, 8), snap(4000, 9),
                snap(5000, 10));
        assertEquals(2000, PoolExhaustionRule.busyFor(s));
        assertEquals(0, PoolExhaustionRule.busyFor(List.of(snap(0, 10), snap(1000, 7))));
    }

    @Test
    void anExhaustedPoolNamesWhatEachHolderIsDoingNow() throws Exception {
        Pools pools = new Pools(1_000_000_000L, 60_000);
        PoolStats pool = pools.of(new Object());
        ConnectionTracker tracker = new ConnectionTracker(100);
        Object connection = new Object();
        CountDownLatch acquired = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = AppCode.holdConnection(tracker, pool.name(), connection, acquired, release);
        try {
            acquired.await();
            while (holder.getState() != Thread.State.WAITING) {
                Thread.onSpinWait();
            }
            long now = System.currentTimeMillis();
            pool.sample(now - 10_000, 1);
            pool.acquired(1_500_000_000L, null);
            pool.acquired(1_500_000_000L, null);
            pool.sample(now, 1);
            PoolExhaustionRule rule = new PoolExhaustionRule(pools, tracker, new StatementStats(10, WINDOW), CAPTURE,
                    30_000, 1_000, 30_000);
            Finding f = evaluate(rule, now).get(0);
            assertEquals("warning", f.severity().label());
            @SuppressWarnings("unchecked")
            Map<String, Object> top = ((List<Map<String, Object>>) f.evidence().get("topHolders")).get(0);
            assertEquals("(stack not sampled)", top.get("site"));
            @SuppressWarnings("unchecked")
            Map<String, Object> t = ((List<Map<String, Object>>) top.get("threads")).get(0);
            assertEquals("request-7", t.get("thread"));
            assertEquals("WAITING", t.get("state"));
            assertTrue((Double) t.get("heldSeconds") >= 5, t.toString());
            assertTrue(t.get("nowAt").toString().startsWith("com.example.fixture.AppCode."), t.toString());
            assertTrue(((List<?>) t.get("nowStack")).size() > 1, t.toString());
            assertEquals("com.example.fixture.AppCode", f.site().className(), "no acquisition stack: where the holder is now");
        } finally {
            release.countDown();
            holder.join();
        }
        assertTrue(connection != null);
    }

    @Test
    void aPoolWithUntrackedConnectionsStillListsItsHolders() {
        Pools pools = new Pools(1_000_000_000L, 60_000);
        PoolStats pool = pools.of(new Object());
        pool.sample(0, 4); // four in use, none of them tracked by the agent
        for (int i = 0; i < 3; i++) {
            pool.acquired(1_000_500_000L, new SQLTransientConnectionException("request timed out"));
        }
        pool.sample(10_000, 4);
        Finding f = evaluate(new PoolExhaustionRule(pools, new ConnectionTracker(10), new StatementStats(10, WINDOW),
                CAPTURE, 30_000, 1_000, 30_000), 10_000).get(0);
        List<?> top = (List<?>) f.evidence().get("topHolders");
        assertEquals(1, top.size(), f.evidence().toString());
        assertEquals(4, ((Map<?, ?>) top.get(0)).get("connections"));
    }

    @Test
    void everyAcquisitionIsCapturedWhileAPoolIsUnderPressure() {
        Pools pools = new Pools(1_000_000_000L, 60_000);
        PoolStats pool = pools.of(new Object());
        StackCapture capture = new StackCapture(new StackSites(List.of()), StackCapture.Mode.SAMPLED, Integer.MAX_VALUE);
        pool.sample(0, 1);
        assertFalse(pool.underPressure(0, PoolExhaustionRule.BUSY_SHARE));
        assertFalse(capture.due(), "one in 2^31");
        pool.acquired(2_000_000_000L, null);
        pool.sample(10_000, 1);
        assertTrue(pool.underPressure(10_000, PoolExhaustionRule.BUSY_SHARE), "a slow acquisition since the last sample");
        assertTrue(capture.pressure(true));
        assertTrue(capture.due());
        pool.acquired(10_000, null);
        pool.sample(20_000, 1);
        assertFalse(pool.underPressure(20_000, PoolExhaustionRule.BUSY_SHARE), "pressure ends with the interval");
        assertTrue(capture.pressure(false));
        assertFalse(capture.due());

        StackCapture never = new StackCapture(new StackSites(List.of()), StackCapture.Mode.NEVER, 1);
        never.pressure(true);
        assertFalse(never.due(), "jdbc.stack=never is never overridden");
    }

    private static PoolStats.Snapshot snap(long at, int inUse) {
        return new PoolStats.Snapshot(at, inUse, 10, 0);
    }

    @Test
    void aStatementRunOncePerRowInSeveralRequestsIsAnNPlusOne() {
        RepeatedStatements repeats = new RepeatedStatements(10, WINDOW);
        NPlusOneRule rule = new NPlusOneRule(repeats, 10);
        String sql = "SELECT id, status FROM orders WHERE customer_id = ?";
        repeats.record("GET", "/customers", sql, 20, 10_000_000, 40_000_000, 1_000, SITE, List.of("a", "b"));
        repeats.record("GET", "/customers", sql, 20, 10_000_000, 40_000_000, 2_000, null, null);
        repeats.tick(10_000);
        assertTrue(evaluate(rule, 10_000).isEmpty(), "two requests are not yet a pattern of the route");

        repeats.record("GET", "/customers", sql, 30, 20_000_000, 40_000_000, 11_000, SITE, List.of("a", "b"));
        repeats.tick(20_000);
        Finding f = evaluate(rule, 20_000).get(0);
        assertEquals("n-plus-one", f.id());
        assertEquals("warning", f.severity().label());
        assertEquals(SITE, f.site());
        assertEquals(List.of("a", "b"), f.stack());
        assertEquals("GET /customers " + sql, f.subject());
        assertEquals(3L, f.evidence().get("requestsAffected"));
        assertEquals(20, f.evidence().get("executionsPerRequestP50"));
        assertEquals(30, f.evidence().get("executionsPerRequestMax"));
        assertEquals(70L, f.evidence().get("executions"));
        assertEquals(13.3, f.evidence().get("dbMsPerRequest"));
        assertEquals(33.3, f.evidence().get("shareOfRequestPercent"));
        assertEquals(Map.of(SITE.toString(), 2L), f.evidence().get("sites"));
        assertTrue(f.advice().get(0).contains("WHERE customer_id IN (?, ?, ...)"), f.advice().toString());

        repeats.tick(20_000 + WINDOW);
        assertTrue(evaluate(rule, 20_000 + WINDOW).isEmpty(), "requests older than the window are not judged");
    }

    @Test
    void repeatedWritesAreAdvisedToBatchAndPairsAreBounded() {
        RepeatedStatements repeats = new RepeatedStatements(1, WINDOW);
        String insert = "INSERT INTO audit (order_id, note) VALUES (?, ?)";
        for (int i = 0; i < 3; i++) {
            repeats.record("POST", "/orders", insert, 15, 1_000_000, 2_000_000, 1_000 + i, null, null);
        }
        repeats.record("GET", "/other", "SELECT 1", 15, 1, 1, 1_000, null, null);
        assertEquals(1L, repeats.dropped());
        repeats.tick(10_000);
        Finding f = evaluate(new NPlusOneRule(repeats, 10), 10_000).get(0);
        assertNull(f.site());
        assertTrue(f.advice().get(0).contains("executeBatch"), f.advice().toString());
    }

    /** One slow execution as the receiver files it: timed, then sampled. */
    private static void slow(StatementStats stats, StatementStats.Stat s, long atMillis, long millis) {
        stats.record(s, millis * 1_000_000L, false);
        stats.recordSlow(s, new StatementStats.SlowSample(atMillis, millis, "w", SITE, List.of()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> topStatement(StatementStats stats, long now) {
        return ((List<Map<String, Object>>) stats.metrics(now, 5).get("top")).get(0);
    }

    private static List<Finding> evaluate(Rule rule, long now) {
        List<Finding> out = new ArrayList<>();
        rule.evaluate(now, out);
        return out;
    }
}
