package com.example.shop.scenario;

import jakarta.servlet.http.HttpServletRequest;

/** Query parameters of the scenarios, clamped to a safe range. */
final class Params {

    private Params() {
    }

    static int intParam(HttpServletRequest request, String name, int defaultValue, int min, int max) {
        String value = request.getParameter(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Math.max(min, Math.min(max, Integer.parseInt(value)));
        } catch (NumberFormatException e) {
            return defaultValue;
        }
    }
}
