package com.example.shop.scenario;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Healthy thread growth that looks like a leak for a while. {@code GET /warmup-pool}: a shared fixed pool
 * of {@link #POOL_SIZE} threads, created once, adds a thread on every request until it is full (a fixed
 * pool starts a new thread per task below its size, idle ones or not), then stays there. Each request also
 * starts a short-lived thread of its own that ends a moment later.
 */
public final class WarmupPoolScenario extends HttpServlet {
    static final int POOL_SIZE = 48;

    private volatile ExecutorService pricing;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Future<Integer> price = pool().submit(() -> {
            Thread.sleep(50);
            return 1999;
        });
        Thread audit = new Thread(WarmupPoolScenario::audit, "audit-" + System.nanoTime()); // short-lived-thread-site
        audit.start();
        try {
            Responses.json(response, "{\"price\":" + price.get() + "}");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Responses.text(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "interrupted");
        } catch (ExecutionException e) {
            Responses.text(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "pricing failed");
        }
    }

    private ExecutorService pool() {
        ExecutorService p = pricing;
        if (p == null) {
            synchronized (this) {
                if (pricing == null) {
                    pricing = Executors.newFixedThreadPool(POOL_SIZE); // warmup-pool-site
                }
                p = pricing;
            }
        }
        return p;
    }

    /** Writes an audit line somewhere slow, then ends. */
    private static void audit() {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void destroy() {
        ExecutorService p = pricing;
        if (p != null) {
            p.shutdownNow();
        }
    }
}
