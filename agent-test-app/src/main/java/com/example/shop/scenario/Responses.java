package com.example.shop.scenario;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Writes the small text and JSON bodies the scenarios answer with. */
final class Responses {

    private Responses() {
    }

    static void text(HttpServletResponse response, int status, String body) throws IOException {
        write(response, status, "text/plain;charset=utf-8", body);
    }

    static void json(HttpServletResponse response, String body) throws IOException {
        write(response, HttpServletResponse.SC_OK, "application/json;charset=utf-8", body);
    }

    /** Minimal JSON string literal: enough for the names stored in the database. */
    static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static void write(HttpServletResponse response, int status, String contentType, String body)
            throws IOException {
        response.setStatus(status);
        response.setContentType(contentType);
        response.getWriter().write(body);
    }
}
