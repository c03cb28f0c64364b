package io.sreagent.feature.jfr;

import io.sreagent.report.Finding;
import io.sreagent.report.Severity;
import io.sreagent.report.Site;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LockContentionRuleTest {
    static final Site SITE = new Site("com.acme.Totals", "add", null, 41);
    static final List<StackTraceElement> STACK = List.of(new StackTraceElement("com.acme.Totals", "add", null, 41));

    static List<Finding> evaluate(LockWaits w) {
        w.closeTick(10_000);
        List<Finding> out = new ArrayList<>();
        LockHolders.Holder holder = new LockHolders.Holder("t9", new Site("com.acme.Totals", "add", "Totals.java", 41), List.of("x"), 3);
        new LockContentionRule(w, Duration.ofSeconds(10), 10, lockClass -> holder).evaluate(10_000, out);
        return out;
    }

    @Test
    void theMostWaitedForMonitorIsReportedWithWaitersAndHolder() {
        LockWaits w = new LockWaits(10);
        for (int i = 0; i < 40; i++) {
            w.add("monitor", "java.lang.Object", 50_000_000, "t" + (i % 4), "t" + ((i + 1) % 4), SITE, STACK);
        }
        w.add("monitor", "com.acme.Other", 30_000_000, "t1", null, new Site("com.acme.Other", "x", null, 1), STACK);
        Finding f = evaluate(w).get(0);
        assertEquals("lock-contention", f.id());
        assertEquals(Severity.WARNING, f.severity());
        assertEquals(SITE, f.site());
        assertEquals(2000L, f.evidence().get("waitedMs"));
        assertEquals(20.0, f.evidence().get("waitedPercentOfWindow"));
        assertEquals(List.of("t0", "t1", "t2", "t3"), f.evidence().get("waiters"));
        assertEquals("t9", f.evidence().get("holderThread"));
        assertEquals("com.acme.Totals.add(Totals.java:41)", f.evidence().get("holderSite"));
        assertEquals(1, ((List<?>) f.evidence().get("otherContendedLocks")).size());
    }

    @Test
    void shortWaitsOrASingleWaiterAreNotContention() {
        LockWaits little = new LockWaits(10);
        little.add("monitor", "java.lang.Object", 500_000_000, "t1", null, SITE, STACK);
        little.add("monitor", "java.lang.Object", 400_000_000, "t2", null, SITE, STACK);
        assertEquals(List.of(), evaluate(little));
        LockWaits one = new LockWaits(10);
        one.add("monitor", "java.lang.Object", 5_000_000_000L, "t1", null, SITE, STACK);
        assertEquals(List.of(), evaluate(one));
    }
}
