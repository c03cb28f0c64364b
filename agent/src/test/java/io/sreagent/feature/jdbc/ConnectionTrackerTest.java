package io.sreagent.feature.jdbc;

import io.sreagent.report.Site;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectionTrackerTest {
    private static final Site SITE = new Site("com.acme.Orders", "load", "Orders.java", 42);
    private static final StackCapture.Origin ORIGIN = new StackCapture.Origin(SITE,
            new StackTraceElement[] {new StackTraceElement("com.acme.Orders", "load", "Orders.java", 42)});

    @Test
    void heldPastTheThresholdIsASuspectGroupedBySite() {
        ConnectionTracker t = new ConnectionTracker(100);
        Object a = new Object();
        Object b = new Object();
        Object fresh = new Object();
        t.acquired(a, "pool", 1_000, "w-1", ORIGIN);
        t.acquired(b, "pool", 2_000, "w-2", ORIGIN);
        t.acquired(fresh, "pool", 9_500, "w-3", ORIGIN);
        List<ConnectionTracker.Suspects> s = t.suspects(10_000, 5_000);
        assertEquals(1, s.size());
        assertEquals(2, s.get(0).count());
        assertEquals(9_000, s.get(0).oldestAgeMillis());
        assertEquals(SITE, s.get(0).site());
        assertEquals(List.of("w-1", "w-2"), s.get(0).threads());
        assertEquals(3, t.live());
    }

    @Test
    void closedAfterBeingReportedIsRememberedNotForgotten() {
        ConnectionTracker t = new ConnectionTracker(100);
        Object c = new Object();
        t.acquired(c, "pool", 0, "w", ORIGIN);
        assertEquals(1, t.newlyHeldTooLong(60_000, 30_000).size());
        assertEquals(0, t.newlyHeldTooLong(65_000, 30_000).size(), "reported once");
        t.closed(c, () -> 70_000L);
        assertEquals(0, t.live());
        assertEquals(0, t.suspects(80_000, 30_000).size());
        ConnectionTracker.SiteHistory h = t.history().get(0);
        assertEquals(1, h.returnedLate());
        assertEquals(70_000, h.longestHeldMillis());
    }

    @Test
    void closeOfAnUntrackedConnectionIsIgnoredAndCloseIsByIdentity() {
        ConnectionTracker t = new ConnectionTracker(100);
        EqualToEverything c = new EqualToEverything();
        t.acquired(c, "pool", 0, "w", ORIGIN);
        t.closed(new EqualToEverything(), () -> 1L);
        assertEquals(1, t.live(), "another object that equals() it is not the same connection");
        t.closed(c, () -> 2L);
        assertEquals(0, t.live());
        assertTrue(t.history().isEmpty());
    }

    @Test
    void boundedAndSaysWhatItDropped() {
        ConnectionTracker t = new ConnectionTracker(100);
        List<Object> kept = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            Object c = new Object();
            kept.add(c);
            t.acquired(c, "pool", 0, "w", null);
        }
        int slots = ConnectionTracker.SLOTS_PER_THREAD; // this thread's own, tried before the shared table
        assertEquals(100 + slots, t.live());
        assertEquals(50 - slots, t.dropped());
    }

    @Test
    void aConnectionClosedByAnotherThreadIsFoundInTheAcquiringThreadsSlots() throws InterruptedException {
        ConnectionTracker t = new ConnectionTracker(100);
        Object[] acquired = new Object[3];
        Thread worker = new Thread(() -> {
            for (int i = 0; i < acquired.length; i++) {
                acquired[i] = new Object();
                t.acquired(acquired[i], "pool", 0, "worker", ORIGIN);
            }
        });
        worker.start();
        worker.join();
        assertEquals(3, t.live());
        for (Object c : acquired) {
            t.closed(c, () -> 10L);
        }
        assertEquals(0, t.live());
        assertEquals(3L, t.metrics().get("closed"));
        t.pruneSlots();
        assertEquals(0, t.live());
    }

    @Test
    void garbageCollectedWithoutCloseIsACertainLeak() throws InterruptedException {
        ConnectionTracker t = new ConnectionTracker(100);
        Object closed = new Object();
        t.acquired(closed, "pool", 0, "w", ORIGIN);
        t.closed(closed, () -> 1L);
        t.acquired(new Object(), "pool", 0, "w", ORIGIN); // dropped at once, never closed
        List<ConnectionTracker.Held> leaked = new ArrayList<>();
        for (int i = 0; i < 50 && leaked.isEmpty(); i++) {
            System.gc();
            Thread.sleep(20);
            leaked.addAll(t.pollCollected(5_000));
        }
        assertEquals(1, leaked.size());
        assertEquals(SITE, leaked.get(0).site());
        assertEquals(0, t.live());
        assertEquals(1, t.history().get(0).collectedUnclosed());
        assertEquals(0, t.history().get(0).returnedLate());
    }

    @Test
    void holdersAreGroupedBySiteLargestFirst() {
        ConnectionTracker t = new ConnectionTracker(100);
        Site other = new Site("com.acme.Report", "run", "Report.java", 7);
        List<Object> kept = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            kept.add(new Object());
            t.acquired(kept.get(i), "pool", 0, "w", ORIGIN);
        }
        kept.add(new Object());
        t.acquired(kept.get(3), "pool", 500, "w", new StackCapture.Origin(other, new StackTraceElement[0]));
        kept.add(new Object());
        t.acquired(kept.get(4), "other-pool", 0, "w", ORIGIN);
        List<ConnectionTracker.Holders> h = t.holders("pool", 1_000, 3, 2);
        assertEquals(2, h.size());
        assertEquals(SITE, h.get(0).site());
        assertEquals(3, h.get(0).count());
        assertEquals(1_000, h.get(0).oldestAgeMillis());
        assertEquals(other, h.get(1).site());
        assertEquals(2, h.get(0).longest().size(), "the two longest holders of the site");
        assertEquals(1_000, h.get(0).longest().get(0).heldMillis());
        assertEquals(Thread.currentThread(), h.get(0).longest().get(0).owner(), "in this thread's slots: its owner is known");
    }

    /** An application type with a hostile equals: the tracker must compare identities. */
    private static final class EqualToEverything {
        @Override
        public boolean equals(Object o) {
            return true;
        }

        @Override
        public int hashCode() {
            return 1;
        }
    }
}
