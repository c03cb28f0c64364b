package com.example.shop.scenario;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code GET /leak-timer}: each request schedules a cache refresh on a new {@link Timer} that nobody
 * cancels before shutdown. Every Timer owns a thread that lives until {@code cancel()}, so each request
 * leaves one. (A Timer nobody references is cancelled by the JDK when collected: this one is kept.)
 */
public final class LeakTimerScenario extends HttpServlet {

    private final AtomicInteger refreshes = new AtomicInteger();
    /** Kept to cancel them at shutdown, so they are never collected before. */
    private final List<Timer> refreshers = new CopyOnWriteArrayList<>();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Timer refresher = new Timer("cache-refresh-" + refreshes.incrementAndGet(), true); // leak-timer-site
        refresher.schedule(new TimerTask() {
            @Override
            public void run() {
                // Refresh a cache entry; the work does not matter, the timer's thread does.
            }
        }, 60_000, 60_000);
        refreshers.add(refresher);
        Responses.text(response, HttpServletResponse.SC_OK, "refresh scheduled");
    }

    @Override
    public void destroy() {
        refreshers.forEach(Timer::cancel);
    }
}
