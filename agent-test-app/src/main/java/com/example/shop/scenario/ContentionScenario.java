package com.example.shop.scenario;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code GET /contention?threads=N&seconds=S} (default 4 threads, 30 s): N threads update shared
 * totals under one global monitor, and each holds it while it "writes an audit record" (a 25 ms sleep
 * standing for I/O under the lock). All but one thread are always waiting. Answers 202 at once.
 * The {@code synchronized} is on one line with its marker comment, so the waiters' frame and the
 * holder's frame are that line.
 */
public final class ContentionScenario extends HttpServlet {
    private static final Object TOTALS_LOCK = new Object();
    private static long total;

    private final AtomicInteger runs = new AtomicInteger();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int threads = Math.min(32, Integer.parseInt(CpuBurnScenario.parameter(request, "threads", "4")));
        long seconds = Math.min(300, Long.parseLong(CpuBurnScenario.parameter(request, "seconds", "30")));
        int run = runs.incrementAndGet();
        for (int i = 1; i <= threads; i++) {
            ScenarioThreads.startDaemon(ScenarioThreads.name("contention-" + i, run), () -> updateFor(seconds));
        }
        Responses.text(response, HttpServletResponse.SC_ACCEPTED, threads + " threads contend for " + seconds + " s");
    }

    private static void updateFor(long seconds) {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            addToTotals(1);
        }
    }

    private static void addToTotals(long amount) {
        synchronized (TOTALS_LOCK) { total += amount; writeAuditRecord(); } // contention-site
    }

    private static void writeAuditRecord() {
        try {
            Thread.sleep(25);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
