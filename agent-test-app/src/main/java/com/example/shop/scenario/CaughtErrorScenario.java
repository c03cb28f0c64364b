package com.example.shop.scenario;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /caught-error/*}: the handler catches its own failure and answers 500 with {@code sendError}, so
 * no exception leaves it ({@code ?fail=true} fails, anything else answers 200: {@code /caught-error/ok} is the
 * healthy twin).
 */
public final class CaughtErrorScenario extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            String receipt = charge(Boolean.parseBoolean(request.getParameter("fail")));
            Responses.text(response, HttpServletResponse.SC_OK, receipt);
        } catch (IllegalStateException e) {
            response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "payment failed"); // caught-error-site
        }
    }

    private static String charge(boolean fail) {
        if (fail) {
            throw new IllegalStateException("card processor rejected the charge");
        }
        return "charged";
    }
}
