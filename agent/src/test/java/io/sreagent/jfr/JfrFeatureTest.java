package io.sreagent.jfr;

import org.junit.jupiter.api.Test;

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
}
