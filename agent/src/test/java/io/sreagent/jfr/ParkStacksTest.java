package io.sreagent.jfr;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParkStacksTest {
    private final List<Boolean> switches = new ArrayList<>();
    private final ParkStacks stacks = new ParkStacks(switches::add, 60_000);

    @Test
    void stacksGoOnAtTheFirstLockWaitAndStayOnWhileThreadsKeepWaiting() {
        stacks.tick(1_000);
        assertEquals(List.of(), switches, "no lock waits: parks stay without stacks");

        stacks.lockWait(2_000, false, "java.util.concurrent.locks.ReentrantLock$NonfairSync");
        stacks.lockWait(2_500, false, "java.util.concurrent.locks.ReentrantLock$NonfairSync");
        stacks.lockWait(3_000, true, "java.util.concurrent.locks.ReentrantLock$NonfairSync");
        stacks.tick(50_000);
        stacks.lockWait(55_000, true, "java.util.concurrent.locks.ReentrantLock$NonfairSync");
        stacks.tick(100_000);

        assertEquals(List.of(true), switches, "switched on once");
        assertTrue(stacks.on());
        assertEquals(Map.of("on", true, "timesSwitchedOn", 1L, "lockWaitsWithoutStack", 2L), stacks.metrics());
    }

    @Test
    void stacksGoOffAfterAQuietLockWindowAndOnAgainAtTheNextWait() {
        stacks.lockWait(1_000, false, "java.util.concurrent.locks.ReentrantLock$FairSync");
        stacks.tick(61_000);
        assertTrue(stacks.on(), "exactly the quiet time is not yet over it");
        stacks.tick(61_001);
        assertFalse(stacks.on());
        stacks.lockWait(70_000, false, "java.util.concurrent.locks.ReentrantReadWriteLock$NonfairSync");

        assertEquals(List.of(true, false, true), switches);
        assertEquals(2L, stacks.metrics().get("timesSwitchedOn"));
    }

    @Test
    void aSwitchTheRecordingRefusesLeavesTheStateAsItWasAndIsTriedAgain() {
        List<Boolean> tried = new ArrayList<>();
        ParkStacks refusing = new ParkStacks(on -> {
            tried.add(on);
            if (tried.size() == 1) {
                throw new IllegalStateException("recording closed");
            }
        }, 60_000);
        refusing.lockWait(1_000, false, "java.util.concurrent.locks.ReentrantLock$NonfairSync");
        assertFalse(refusing.on());
        refusing.lockWait(2_000, false, "java.util.concurrent.locks.ReentrantLock$NonfairSync");
        assertTrue(refusing.on());
        assertEquals(List.of(true, true), tried);
        assertEquals(1L, refusing.metrics().get("timesSwitchedOn"));
    }
}
