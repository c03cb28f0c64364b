package io.sreagent.feature.jfr;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WaitStacksTest {
    private final List<Boolean> switches = new ArrayList<>();
    private final WaitStacks stacks = new WaitStacks("jdk.JavaMonitorEnter", switches::add, 60_000);

    @Test
    void stacksGoOnAtTheFirstWaitSeenWithoutOneAndStayOnWhileThreadsKeepWaiting() {
        stacks.tick(1_000);
        assertEquals(List.of(), switches, "no lock waits: no stacks");

        stacks.seenWithoutStack(2_000, "com.example.Inventory");
        stacks.seen(3_000);
        stacks.tick(50_000);
        stacks.seen(55_000);
        stacks.seenWithoutStack(56_000, "com.example.Inventory"); // recorded before the switch, delivered late
        stacks.tick(100_000);

        assertEquals(List.of(true), switches, "switched on once");
        assertTrue(stacks.on());
        assertEquals(Map.of("on", true, "timesSwitchedOn", 1L, "lockWaitsWithoutStack", 2L), stacks.metrics());
    }

    @Test
    void stacksGoOffAfterAQuietLockWindowAndOnAgainAtTheNextWait() {
        stacks.seenWithoutStack(1_000, "java.util.concurrent.locks.ReentrantLock$FairSync");
        stacks.tick(61_000);
        assertTrue(stacks.on(), "exactly the quiet time is not yet over it");
        stacks.tick(61_001);
        assertFalse(stacks.on());
        stacks.seenWithoutStack(70_000, "java.util.concurrent.locks.ReentrantReadWriteLock$NonfairSync");

        assertEquals(List.of(true, false, true), switches);
        assertEquals(2L, stacks.metrics().get("timesSwitchedOn"));
    }

    @Test
    void aSwitchTheRecordingRefusesLeavesTheStateAsItWasAndIsTriedAgain() {
        List<Boolean> tried = new ArrayList<>();
        WaitStacks refusing = new WaitStacks("jdk.ThreadPark", on -> {
            tried.add(on);
            if (tried.size() == 1) {
                throw new IllegalStateException("recording closed");
            }
        }, 60_000);
        refusing.seenWithoutStack(1_000, "java.util.concurrent.locks.ReentrantLock$NonfairSync");
        assertFalse(refusing.on());
        refusing.seenWithoutStack(2_000, "java.util.concurrent.locks.ReentrantLock$NonfairSync");
        assertTrue(refusing.on());
        assertEquals(List.of(true, true), tried);
        assertEquals(1L, refusing.metrics().get("timesSwitchedOn"));
    }
}
