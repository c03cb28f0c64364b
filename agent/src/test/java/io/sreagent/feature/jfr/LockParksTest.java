package io.sreagent.feature.jfr;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LockParksTest {
    private final List<Boolean> switches = new ArrayList<>();
    private final LockParks parks = new LockParks(new WaitStacks("jdk.ThreadPark", switches::add, 60_000));

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
