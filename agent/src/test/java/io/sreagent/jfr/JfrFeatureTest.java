package io.sreagent.jfr;

import org.junit.jupiter.api.Test;

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
    void anEventThisJvmLacksIsNotedAndSkippedNotAnError() {
        JfrFeature f = new JfrFeature();
        f.enable(Set.of("jdk.CPULoad"), "jdk.FutureEvent", "future figures",
                s -> { throw new AssertionError("must not configure a missing event"); },
                e -> { throw new AssertionError("must not listen to a missing event"); });
        assertEquals(Map.of("jdk.FutureEvent", "future figures not available on Java " + Runtime.version().feature()), f.unavailable());
    }
}
