package io.sreagent.feature.jdbc;

import io.sreagent.core.Rule;
import io.sreagent.report.Finding;
import io.sreagent.report.Site;
import org.junit.jupiter.api.Test;

import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JdbcRulesTest {
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
        return new PoolExhaustionRule(new Pools(1_000_000_000L), new ConnectionTracker(10), new StatementStats(10),
                60_000, 30_000, 1_000, 30_000);
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
        StatementStats stats = new StatementStats(10);
        StatementStats.Stat s = stats.statOf("SELECT ?");
        for (int i = 0; i < 1000; i++) {
            stats.record(s, 2_000_000, false);
        }
        stats.record(s, 1_500_000_000L, false);
        stats.recordSlow(s, new StatementStats.SlowSample(0, 1500, "w", SITE, List.of()));
        SlowQueryRule rule = new SlowQueryRule(stats, 1000);
        Finding once = evaluate(rule, 0).get(0);
        assertEquals("info", once.severity().label());

        StatementStats.Stat slow = stats.statOf("SELECT pg_sleep(?)");
        for (int i = 0; i < 2; i++) {
            stats.record(slow, 1_200_000_000L, false);
            stats.recordSlow(slow, new StatementStats.SlowSample(0, 1200, "w", SITE, List.of()));
        }
        Finding repeated = evaluate(rule, 0).stream().filter(f -> f.evidence().get("sql").equals("SELECT pg_sleep(?)"))
                .findFirst().orElseThrow();
        assertEquals("warning", repeated.severity().label());
        assertEquals(SITE, repeated.site());
        assertEquals(2L, repeated.evidence().get("slowExecutions"));
    }

    @Test
    void statementsAreBoundedWithAnOtherBucket() {
        StatementStats stats = new StatementStats(10);
        for (int i = 0; i < 25; i++) {
            stats.record(stats.statOf("SELECT " + i), 1000, false);
        }
        assertEquals(11, stats.all().size());
        assertEquals(15, stats.statOf(StatementStats.OTHER).count());
    }

    @Test
    void acquisitionTimeoutsMakeTheExhaustionCritical() {
        Pools pools = new Pools(1_000_000_000L);
        Object source = new Object();
        PoolStats pool = pools.of(source);
        pool.sample(0, 0);
        pool.acquired(50_000, null);
        pool.acquired(1_000_500_000L, new SQLTransientConnectionException("Connection is not available, request timed out"));
        pool.sample(1_000, 3);
        PoolExhaustionRule rule = new PoolExhaustionRule(pools, new ConnectionTracker(10), new StatementStats(10),
                60_000, 30_000, 1_000, 30_000);
        Finding f = evaluate(rule, 1_000).get(0);
        assertEquals("critical", f.severity().label());
        assertEquals(1L, f.evidence().get("timeoutsInWindow"));
        assertEquals(1L, f.evidence().get("slowAcquiresInWindow"));
    }

    @Test
    void aQuietPoolIsNoFinding() {
        Pools pools = new Pools(1_000_000_000L);
        PoolStats pool = pools.of(new Object());
        for (int i = 0; i < 10; i++) {
            pool.acquired(30_000, null);
            pool.sample(i * 1000L, 1);
        }
        assertTrue(evaluate(new PoolExhaustionRule(pools, new ConnectionTracker(10), new StatementStats(10),
                60_000, 3_000, 1_000, 30_000), 10_000).isEmpty());
    }

    @Test
    void busyTimeIsTheUnbrokenRunAtEightyPercentUpToNow() {
        List<PoolStats.Snapshot> s = List.of(snap(0, 10), snap(1000, 8), snap(2000, 5), snap(3000, 8), snap(4000, 9),
                snap(5000, 10));
        assertEquals(2000, PoolExhaustionRule.busyFor(s));
        assertEquals(0, PoolExhaustionRule.busyFor(List.of(snap(0, 10), snap(1000, 7))));
    }

    private static PoolStats.Snapshot snap(long at, int inUse) {
        return new PoolStats.Snapshot(at, inUse, 10, 0, 0, 0, 0);
    }

    private static List<Finding> evaluate(Rule rule, long now) {
        List<Finding> out = new ArrayList<>();
        rule.evaluate(now, out);
        return out;
    }
}
