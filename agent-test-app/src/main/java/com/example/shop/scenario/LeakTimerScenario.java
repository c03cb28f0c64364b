package com.example.shop.scenario;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code GET /leak-timer}: each request schedules a cache refresh on a new {@link Timer} that nobody
 * cancels. Every Timer owns a thread that lives until {@code cancel()}, so each request leaves one.
 */
public final class LeakTimerScenario extends HttpServlet {

    private final AtomicInteger refreshes = new AtomicInteger();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Timer refresher = new Timer("cache-refresh-" + refreshes.incrementAndGet(), true); // leak-timer-site
        refresher.schedule(new TimerTask() {
            @Override
            public void run() {
                // Refresh a cache entry; the work does not matter, the timer's thread does.
            }
        }, 60_000, 60_000);
        Responses.text(response, HttpServletResponse.SC_OK, "refresh scheduled");
    }
}
