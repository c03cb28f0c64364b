package com.example.shop.scenario;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code GET /deadlock}: two threads take two monitors in opposite order and block for ever, the classic
 * Java-level deadlock the JVM's own detector reports.
 *
 * <p>Integration tests look up the line of each end-of-line marker comment in this file and compare it with
 * the frame the agent reports, so each blocking {@code synchronized} stays inside a named method and is
 * written on one line: a thread blocked in {@code monitorenter} may be reported at the next bytecode,
 * which for an empty block belongs to its closing brace.
 */
public final class DeadlockScenario extends HttpServlet {

    private final AtomicInteger pairs = new AtomicInteger();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int pair = pairs.incrementAndGet();
        Object lockA = new Object();
        Object lockB = new Object();
        CountDownLatch bothHoldFirstLock = new CountDownLatch(2);
        ScenarioThreads.startDaemon(ScenarioThreads.name("deadlock-a", pair),
                () -> lockAThenB(lockA, lockB, bothHoldFirstLock));
        ScenarioThreads.startDaemon(ScenarioThreads.name("deadlock-b", pair),
                () -> lockBThenA(lockA, lockB, bothHoldFirstLock));
        Responses.text(response, HttpServletResponse.SC_ACCEPTED, "deadlock started");
    }

    private static void lockAThenB(Object lockA, Object lockB, CountDownLatch bothHoldFirstLock) {
        synchronized (lockA) {
            if (!ScenarioThreads.awaitPeer(bothHoldFirstLock)) {
                return;
            }
            // Blocks for ever: deadlock-b holds lockB and waits for lockA.
            synchronized (lockB) { } // deadlock-site-a
        }
    }

    private static void lockBThenA(Object lockA, Object lockB, CountDownLatch bothHoldFirstLock) {
        synchronized (lockB) {
            if (!ScenarioThreads.awaitPeer(bothHoldFirstLock)) {
                return;
            }
            // Blocks for ever: deadlock-a holds lockA and waits for lockB.
            synchronized (lockA) { } // deadlock-site-b
        }
    }
}
