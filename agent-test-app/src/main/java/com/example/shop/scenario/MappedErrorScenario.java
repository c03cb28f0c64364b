package com.example.shop.scenario;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /mapped-error/*}: the handler throws ({@code ?fail=true}) and {@link ErrorMappingFilter} in front of
 * it catches the exception and answers 500, as an application's error filter does; {@code /mapped-error/ok} is
 * the healthy twin.
 */
public final class MappedErrorScenario extends HttpServlet {
    public static final String PATH_SPEC = "/mapped-error/*";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (Boolean.parseBoolean(request.getParameter("fail"))) {
            throw new IllegalArgumentException("inventory count went negative"); // mapped-error-site
        }
        Responses.text(response, HttpServletResponse.SC_OK, "in stock");
    }
}
