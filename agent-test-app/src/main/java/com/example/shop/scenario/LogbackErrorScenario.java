package com.example.shop.scenario;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * {@code GET /log-errors-logback?sku=}: the stock reservation fails, the handler catches the exception,
 * logs it at ERROR through SLF4J and Logback, and still answers 200: only the logs show the failure.
 */
public final class LogbackErrorScenario extends HttpServlet {
    private static final Logger LOG = LoggerFactory.getLogger(LogbackErrorScenario.class);

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String sku = request.getParameter("sku");
        try {
            reserve(sku);
        } catch (IllegalStateException e) {
            LOG.error("stock reservation failed for sku {}", sku, e); // log-errors-logback-logged
        }
        Responses.json(response, "{\"reserved\":false}");
    }

    private static void reserve(String sku) {
        throw new IllegalStateException("no stock left for " + sku); // log-errors-logback-site
    }
}
