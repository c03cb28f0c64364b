package com.example.shop.scenario;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code GET /deadlock-locks}: the same lock-order inversion as {@link DeadlockScenario}, but with
 * {@link ReentrantLock}s, so the threads park in {@code AbstractQueuedSynchronizer} instead of blocking on
 * a monitor.
 *
 * <p>Integration tests look up the line of each end-of-line marker comment in this file and compare it with
 * the frame the agent reports: keep each marker on the second {@code lock()} call, inside a named method.
 */
public final class LockDeadlockScenario extends HttpServlet {

    private final AtomicInteger pairs = new AtomicInteger();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int pair = pairs.incrementAndGet();
        ReentrantLock lockA = new ReentrantLock();
        ReentrantLock lockB = new ReentrantLock();
        CountDownLatch bothHoldFirstLock = new CountDownLatch(2);
        ScenarioThreads.startDaemon(ScenarioThreads.name("lock-deadlock-a", pair),
                () -> lockAThenB(lockA, lockB, bothHoldFirstLock));
        ScenarioThreads.startDaemon(ScenarioThreads.name("lock-deadlock-b", pair),
                () -> lockBThenA(lockA, lockB, bothHoldFirstLock));
        Responses.text(response, HttpServletResponse.SC_ACCEPTED, "deadlock started");
    }

    private static void lockAThenB(ReentrantLock lockA, ReentrantLock lockB, CountDownLatch bothHoldFirstLock) {
        lockA.lock();
        try {
            if (!ScenarioThreads.awaitPeer(bothHoldFirstLock)) {
                return;
            }
            lockB.lock(); // lock-deadlock-site-a
            lockB.unlock(); // never reached: lock-deadlock-b holds lockB and waits for lockA
        } finally {
            lockA.unlock();
        }
    }

    private static void lockBThenA(ReentrantLock lockA, ReentrantLock lockB, CountDownLatch bothHoldFirstLock) {
        lockB.lock();
        try {
            if (!ScenarioThreads.awaitPeer(bothHoldFirstLock)) {
                return;
            }
            lockA.lock(); // lock-deadlock-site-b
            lockA.unlock(); // never reached: lock-deadlock-a holds lockA and waits for lockB
        } finally {
            lockB.unlock();
        }
    }
}
