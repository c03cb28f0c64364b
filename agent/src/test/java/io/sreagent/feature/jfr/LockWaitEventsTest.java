package io.sreagent.feature.jfr;

import io.sreagent.report.Site;
import io.sreagent.support.StackSites;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LockWaitEventsTest {
    private final LockWaitEvents events = new LockWaitEvents(10, new StackSites(List.of()), Duration.ofMillis(20), Duration.ofSeconds(10));

    @Test
    void onlyParksOnLocksCountAsLockWaits() {
        assertTrue(LockWaitEvents.isLock("java.util.concurrent.locks.ReentrantLock$NonfairSync"));
        assertTrue(LockWaitEvents.isLock("java.util.concurrent.locks.ReentrantReadWriteLock$NonfairSync"));
        assertFalse(LockWaitEvents.isLock("java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject"),
                "idle pool threads wait on conditions by design");
        assertFalse(LockWaitEvents.isLock("java.util.concurrent.SynchronousQueue$TransferStack"));
        assertFalse(LockWaitEvents.isLock("java.util.concurrent.CompletableFuture$Signaller"));
    }

    @Test
    void takingTheLockBackAfterAConditionWaitIsNotContention() {
        StackTraceElement park = new StackTraceElement("jdk.internal.misc.Unsafe", "park", null, -1);
        StackTraceElement lockSupport = new StackTraceElement("java.util.concurrent.locks.LockSupport", "park", null, 211);
        StackTraceElement acquire = new StackTraceElement("java.util.concurrent.locks.AbstractQueuedSynchronizer", "acquire", null, 715);
        StackTraceElement awaitNanos = new StackTraceElement("java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject", "awaitNanos", null, 1682);
        StackTraceElement poll = new StackTraceElement("org.eclipse.jetty.util.BlockingArrayQueue", "poll", null, 219);
        StackTraceElement lock = new StackTraceElement("java.util.concurrent.locks.ReentrantLock", "lock", null, 322);
        StackTraceElement app = new StackTraceElement("com.example.Totals", "add", null, 40);

        assertTrue(LockWaitEvents.endOfConditionWait(List.of(park, lockSupport, acquire, awaitNanos, poll)), "a woken pool thread taking its queue's lock back");
        assertFalse(LockWaitEvents.endOfConditionWait(List.of(park, lockSupport, acquire, lock, app)), "lock() at an application site");
        assertFalse(LockWaitEvents.endOfConditionWait(List.of()), "no stack: cannot tell, so it counts");
    }

    @Test
    void theMetricsShowTheLastMinutesMostWaitedOnLocksAndNoStacksSwitchBeforeTheStream() {
        Site totals = new Site("com.example.Totals", "add", null, 40);
        events.waits().add("monitor", "java.lang.Object", 30_000_000, "worker-1", "worker-2", totals, List.of());
        events.tick(1_000);
        events.waits().add("monitor", "java.lang.Object", 50_000_000, "worker-2", null, totals, List.of());
        events.tick(2_000);

        Map<String, Object> jfr = new LinkedHashMap<>();
        events.addMetrics(jfr, 3_000);
        assertEquals(List.of("lockWaitsLastMinute", "lockWaitsDropped"), List.copyOf(jfr.keySet()));
        List<?> locks = (List<?>) jfr.get("lockWaitsLastMinute");
        assertEquals(1, locks.size());
        Map<?, ?> lock = (Map<?, ?>) locks.get(0);
        assertEquals(List.of("kind", "class", "site", "waits", "waitedMs"), List.copyOf(lock.keySet()));
        assertEquals(List.of("monitor", "java.lang.Object", totals.toString(), 2L, 80L), List.copyOf(lock.values()));
        assertEquals(0L, jfr.get("lockWaitsDropped"));

        Map<String, Object> later = new LinkedHashMap<>();
        events.addMetrics(later, 62_000);
        assertEquals(List.of(), later.get("lockWaitsLastMinute"), "both ticks ended over a minute ago");
    }

    @Test
    void onceTheStreamIsSetUpEachEventsStacksSwitchIsShownOffUntilAWait() {
        try (RecordingStream rs = new RecordingStream()) {
            events.recordLockParks(rs);
            events.recordMonitorWaits(rs);
            events.tick(1_000);

            Map<String, Object> jfr = new LinkedHashMap<>();
            events.addMetrics(jfr, 1_000);
            assertEquals(List.of("lockWaitsLastMinute", "lockWaitsDropped", "parkStacks", "monitorStacks"), List.copyOf(jfr.keySet()));
            Map<String, Object> off = Map.of("on", false, "timesSwitchedOn", 0L, "lockWaitsWithoutStack", 0L);
            assertEquals(off, jfr.get("parkStacks"));
            assertEquals(off, jfr.get("monitorStacks"));
        }
    }
}
