package io.sreagent.jfr;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LockParksTest {
    private final List<Boolean> switches = new ArrayList<>();
    private final LockParks parks = new LockParks(switches::add, 60_000);

    @Test
    void recordingGoesOnWhenAThreadIsSeenParkedOnALockAndStaysOnWhileThreadsKeepWaiting() {
        parks.tick(1_000);
        assertEquals(List.of(), switches, "no lock waits: parks are not recorded");

        parks.seen(2_000, "java.util.concurrent.locks.ReentrantLock$NonfairSync");
        parks.lockWait(3_000);
        parks.tick(50_000);
        parks.lockWait(55_000);
        parks.seen(90_000, "java.util.concurrent.locks.ReentrantLock$NonfairSync");
        parks.tick(100_000);

        assertEquals(List.of(true), switches, "switched on once");
        assertTrue(parks.on());
        assertEquals(Map.of("on", true, "timesSwitchedOn", 1L, "lockWaitsWithoutStack", 1L), parks.metrics(),
                "only the sighting before recording went on is a wait without its stack");
    }

    @Test
    void recordingGoesOffAfterAQuietLockWindowAndOnAgainAtTheNextSighting() {
        parks.seen(1_000, "java.util.concurrent.locks.ReentrantLock$FairSync");
        parks.tick(61_000);
        assertTrue(parks.on(), "exactly the quiet time is not yet over it");
        parks.tick(61_001);
        assertFalse(parks.on());
        parks.seen(70_000, "java.util.concurrent.locks.ReentrantReadWriteLock$NonfairSync");

        assertEquals(List.of(true, false, true), switches);
        assertEquals(2L, parks.metrics().get("timesSwitchedOn"));
    }

    @Test
    void aSwitchTheRecordingRefusesLeavesTheStateAsItWasAndIsTriedAgain() {
        List<Boolean> tried = new ArrayList<>();
        LockParks refusing = new LockParks(on -> {
            tried.add(on);
            if (tried.size() == 1) {
                throw new IllegalStateException("recording closed");
            }
        }, 60_000);
        refusing.seen(1_000, "java.util.concurrent.locks.ReentrantLock$NonfairSync");
        assertFalse(refusing.on());
        refusing.seen(2_000, "java.util.concurrent.locks.ReentrantLock$NonfairSync");
        assertTrue(refusing.on());
        assertEquals(List.of(true, true), tried);
        assertEquals(1L, refusing.metrics().get("timesSwitchedOn"));
    }

    @Test
    void theLookFindsAThreadParkedOnALockAndNotOneWaitingOnACondition() throws Exception {
        ReentrantLock lock = new ReentrantLock();
        CountDownLatch idle = new CountDownLatch(1);
        Thread waitingOnACondition = new Thread(() -> {
            try {
                idle.await();
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "test-latch-waiter");
        waitingOnACondition.start();
        awaitParked(waitingOnACondition);
        parks.look(1_000);
        assertEquals(List.of(), switches, "a latch (a condition of sorts) is not a lock: " + switches);

        lock.lock();
        Thread waiter = new Thread(lock::lock, "test-lock-waiter");
        try {
            waiter.start();
            awaitParked(waiter);
            parks.look(1_500);
            assertEquals(List.of(), switches, "at most one look a second");
            parks.look(2_000);
            assertEquals(List.of(true), switches, "the waiter is parked on the ReentrantLock");
        } finally {
            lock.unlock();
            idle.countDown();
            waiter.join();
            waitingOnACondition.join();
        }
    }

    private static void awaitParked(Thread t) throws InterruptedException {
        for (int i = 0; i < 500 && LockSupport.getBlocker(t) == null; i++) {
            Thread.sleep(10);
        }
        assertTrue(LockSupport.getBlocker(t) != null, t.getName() + " parked");
    }
}
