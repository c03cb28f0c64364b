package com.example.shop.scenario;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code GET /cold-start}: a healthy route with a cold first render: the first request pays a lazy
 * initialisation of about 1.2 s, the next few a cold cache (300 ms), every later one a few ms.
 */
public final class ColdStartScenario extends HttpServlet {
    private final AtomicInteger served = new AtomicInteger();
    private volatile boolean initialised;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int n = served.incrementAndGet();
        try {
            synchronized (this) {
                if (!initialised) {
                    Thread.sleep(1200); // cold-start-site
                    initialised = true;
                }
            }
            Thread.sleep(n <= 5 ? 300 : 3);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Responses.text(response, HttpServletResponse.SC_OK, "ok");
    }
}
