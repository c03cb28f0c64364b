package com.example.shop.scenario;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code GET /healthy-concurrency}: the same work done right, which must raise no alarm however much
 * load it gets: one fixed pool created once and shared, a short-lived helper thread that ends, and a
 * listener that is removed in {@code finally}.
 */
public final class HealthyConcurrencyScenario extends HttpServlet {

    private final ExecutorService lookups = Executors.newFixedThreadPool(4, named("lookup"));
    /** Lives as long as the servlet, i.e. the whole application. */
    private final PriceFeed feed = new PriceFeed();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Future<Integer> stock = lookups.submit(() -> 7);
        LeakListenersScenario.QuoteWatcher watcher = new LeakListenersScenario.QuoteWatcher();
        feed.addPriceListener(watcher);
        try {
            Thread audit = new Thread(() -> { }, "audit-" + request.getRequestURI().length());
            audit.start();
            audit.join();
            feed.publish("sku-2", 500, 450);
            Responses.json(response, "{\"stock\":" + stock.get() + ",\"quote\":" + watcher.lastCents + "}");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Responses.text(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "interrupted");
        } catch (ExecutionException e) {
            Responses.text(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "lookup failed");
        } finally {
            feed.removePriceListener(watcher);
        }
    }

    @Override
    public void destroy() {
        lookups.shutdown();
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
