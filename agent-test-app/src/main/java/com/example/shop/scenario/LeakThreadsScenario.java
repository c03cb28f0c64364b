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
 * {@code GET /leak-threads}: the classic thread leak, a pool created per request to fan out two lookups
 * and never shut down. Its two core threads idle for ever, so each request leaves two more threads.
 */
public final class LeakThreadsScenario extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ExecutorService lookups = Executors.newFixedThreadPool(2); // leak-threads-site
        Future<Integer> stock = lookups.submit(() -> 7);
        Future<Integer> price = lookups.submit(() -> 1999);
        try {
            Responses.json(response, "{\"stock\":" + stock.get() + ",\"price\":" + price.get() + "}");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Responses.text(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "interrupted");
        } catch (ExecutionException e) {
            Responses.text(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "lookup failed");
        }
        // Missing: lookups.shutdown()
    }
}
