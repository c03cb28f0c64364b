package com.example.shop.scenario;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * {@code GET /log-errors-log4j2?customer=}: the loyalty lookup fails, the handler catches the exception,
 * logs it at ERROR through Log4j 2 and answers 200 without the loyalty points.
 */
public final class Log4j2ErrorScenario extends HttpServlet {
    private static final Logger LOG = LogManager.getLogger(Log4j2ErrorScenario.class);

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String customer = request.getParameter("customer");
        int points = 0;
        try {
            points = loyaltyPoints(customer);
        } catch (UncheckedIOException e) {
            LOG.error("loyalty lookup failed for customer {}", customer, e); // log-errors-log4j2-logged
        }
        Responses.json(response, "{\"points\":" + points + "}");
    }

    private static int loyaltyPoints(String customer) {
        throw new UncheckedIOException(new IOException("loyalty service refused " + customer)); // log-errors-log4j2-site
    }
}
