package com.example.shop.scenario;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A leak in the background, started by one request: {@code GET /leak-threads-steady?rate=1} starts a
 * never-ending thread {@code rate} times a second, {@code GET /leak-timer-steady?rate=1} creates a
 * {@link Timer} (and so its thread) as often, each from one line. The first call starts the leak, later
 * calls do nothing; {@code max} caps it (default 300) so a forgotten app cannot run out of threads.
 */
public final class SteadyLeakScenario extends HttpServlet {

    /** What one tick of the leak leaves behind. */
    public enum Kind { THREADS, TIMERS }

    private final Kind kind;
    private final AtomicBoolean started = new AtomicBoolean();
    /** Never counted down: what the leaked threads wait for. */
    private final CountDownLatch never = new CountDownLatch(1);
    /** Kept so the timers are never collected (a collected Timer is cancelled by the JDK). */
    private final List<Timer> timers = new CopyOnWriteArrayList<>();

    public SteadyLeakScenario(Kind kind) {
        this.kind = kind;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int rate = Params.intParam(request, "rate", 1, 1, 50);
        int max = Params.intParam(request, "max", 300, 1, 2000);
        if (started.compareAndSet(false, true)) {
            ScenarioThreads.startDaemon("steady-leak-" + kind.name().toLowerCase(java.util.Locale.ROOT),
                    () -> leak(rate, max));
        }
        Responses.text(response, HttpServletResponse.SC_OK, "leaking " + rate + " " + kind.name().toLowerCase(java.util.Locale.ROOT) + " a second");
    }

    private void leak(int rate, int max) {
        long every = 1000L / rate;
        long next = System.currentTimeMillis();
        for (int i = 1; i <= max; i++) {
            if (kind == Kind.THREADS) {
                startReportWorker(i);
            } else {
                scheduleRefresh();
            }
            next += every;
            try {
                Thread.sleep(Math.max(0, next - System.currentTimeMillis()));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** A worker meant to wait for a job that never comes. */
    private void startReportWorker(int i) {
        Thread worker = new Thread(this::awaitForever, "report-worker-" + i);
        worker.setDaemon(true);
        worker.start(); // thread-leak-steady-site
    }

    /** A refresh scheduled on a timer of its own, which nobody cancels. */
    private void scheduleRefresh() {
        Timer timer = new Timer(true); // timer-leak-steady-site
        timer.schedule(new TimerTask() {
            @Override
            public void run() {
                // The refresh does not matter; the timer's thread does.
            }
        }, 60_000, 60_000);
        timers.add(timer);
    }

    private void awaitForever() {
        try {
            never.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void destroy() {
        timers.forEach(Timer::cancel);
    }
}
