package com.example.shop.scenario;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code GET /contention?threads=N&seconds=S&kind=monitor|lock} (default 4 threads, 30 s, monitor): N
 * threads update shared totals under one global lock, and each holds it while it "writes an audit
 * record" (a 25 ms sleep standing for I/O under the lock). All but one thread are always waiting.
 * Answers 202 at once. {@code kind=monitor} is a {@code synchronized} block, {@code kind=lock} a
 * {@link ReentrantLock}. The {@code synchronized} and the {@code lock()} are each on one line with a
 * marker comment, so the waiters' frame (and a monitor holder's frame) is that line.
 */
public final class ContentionScenario extends HttpServlet {
    private static final Object TOTALS_MONITOR = new Object();
    private static final ReentrantLock TOTALS_LOCK = new ReentrantLock();
    private static long total;

    private final AtomicInteger runs = new AtomicInteger();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int threads = Math.min(32, Integer.parseInt(CpuBurnScenario.parameter(request, "threads", "4")));
        long seconds = Math.min(300, Long.parseLong(CpuBurnScenario.parameter(request, "seconds", "30")));
        String kind = CpuBurnScenario.parameter(request, "kind", "monitor");
        if (!kind.equals("monitor") && !kind.equals("lock")) {
            Responses.text(response, HttpServletResponse.SC_BAD_REQUEST, "kind is monitor or lock");
            return;
        }
        Runnable update = kind.equals("lock") ? ContentionScenario::addToTotalsUnderLock : ContentionScenario::addToTotals;
        int run = runs.incrementAndGet();
        for (int i = 1; i <= threads; i++) {
            ScenarioThreads.startDaemon(ScenarioThreads.name("contention-" + i, run), () -> updateFor(seconds, update));
        }
        Responses.text(response, HttpServletResponse.SC_ACCEPTED, threads + " threads contend for " + seconds + " s");
    }

    private static void updateFor(long seconds, Runnable update) {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            update.run();
        }
    }

    private static void addToTotals() {
        synchronized (TOTALS_MONITOR) { total++; writeAuditRecord(); } // contention-site
    }

    private static void addToTotalsUnderLock() {
        TOTALS_LOCK.lock(); // lock-contention-site
        try {
            total++;
            writeAuditRecord();
        } finally {
            TOTALS_LOCK.unlock();
        }
    }

    private static void writeAuditRecord() {
        try {
            Thread.sleep(25);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
