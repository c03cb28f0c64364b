package com.example.shop.scenario;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;

/**
 * {@code GET /phase/<name>?ms=N}: answers after N ms (0..5000), so a test can make a route slow or fast
 * at run time (slow for a phase, then fast, or the other way round) by changing only the parameter.
 */
public final class PhaseScenario extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int ms = Params.intParam(request, "ms", 0, 0, 5000);
        try {
            Thread.sleep(ms); // phase-site
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Responses.text(response, HttpServletResponse.SC_OK, "ok");
    }
}
