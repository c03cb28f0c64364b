package io.sreagent.feature.jfr;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JfrFeatureTest {

    @Test
    void onlyParksOnLocksCountAsLockWaits() {
        assertTrue(JfrFeature.isLock("java.util.concurrent.locks.ReentrantLock$NonfairSync"));
        assertTrue(JfrFeature.isLock("java.util.concurrent.locks.ReentrantReadWriteLock$NonfairSync"));
        assertFalse(JfrFeature.isLock("java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject"),
                "idle pool threads wait on conditions by design");
        assertFalse(JfrFeature.isLock("java.util.concurrent.SynchronousQueue$TransferStack"));
        assertFalse(JfrFeature.isLock("java.util.concurrent.CompletableFuture$Signaller"));
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

        assertTrue(JfrFeature.endOfConditionWait(List.of(park, lockSupport, acquire, awaitNanos, poll)), "a woken pool thread taking its queue's lock back");
        assertFalse(JfrFeature.endOfConditionWait(List.of(park, lockSupport, acquire, lock, app)), "lock() at an application site");
        assertFalse(JfrFeature.endOfConditionWait(List.of()), "no stack: cannot tell, so it counts");
    }

    @Test
    void anEventThisJvmLacksIsNotedAndSkippedNotAnError() {
        JfrFeature f = new JfrFeature();
        f.enable(Set.of("jdk.CPULoad"), "jdk.FutureEvent", "future figures",
                s -> { throw new AssertionError("must not configure a missing event"); },
                e -> { throw new AssertionError("must not listen to a missing event"); });
        assertEquals(Map.of("jdk.FutureEvent", "future figures not available on Java " + Runtime.version().feature()), f.unavailable());
    }
}
