package io.sreagent.feature.jfr;

import io.sreagent.report.Site;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.sreagent.feature.jfr.CulpritTest.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;

class LockWaitsTest {

    @Test
    void waitsAreSummedPerLockAndSiteAcrossTicks() {
        LockWaits w = new LockWaits(10);
        Site site = new Site("com.acme.Totals", "add", null, 41);
        List<StackTraceElement> stack = List.of(frame("com.acme.Totals", "add"));
        w.add("monitor", "java.lang.Object", 30_000_000, "t1", "t2", site, stack);
        w.closeTick(1_000);
        w.add("monitor", "java.lang.Object", 50_000_000, "t2", "t1", site, stack);
        w.add("lock", "java.util.concurrent.locks.ReentrantLock$NonfairSync", 20_000_000, "t3", null, site, stack);
        w.closeTick(2_000);

        List<LockWaits.Lock> locks = w.since(0);
        assertEquals(2, locks.size());
        LockWaits.Lock top = locks.get(0);
        assertEquals("java.lang.Object", top.lockClass());
        assertEquals(80, top.waitedMillis());
        assertEquals(50, top.maxWaitMillis());
        assertEquals(2, top.waits());
        assertEquals(List.of("t1", "t2"), List.copyOf(top.waiters()));
        assertEquals(List.of("com.acme.Totals.add(line 1)"), top.stack());
        assertEquals(1, w.since(1_500).get(0).waits());
    }
}
