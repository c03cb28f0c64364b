package com.example.shop.scenario;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * {@code GET /cpu-burn?seconds=N} (default 30, at most 300): a thread keeps one core busy for N seconds
 * validating "codes" with a regular expression that backtracks catastrophically: the nested quantifier
 * in {@code (x+x+)+y} tries every way to split a run of x's before failing on the missing y. Answers
 * 202 at once; the burning thread is named {@code cpu-burn}.
 */
public final class CpuBurnScenario extends HttpServlet {
    private static final Pattern CODE = Pattern.compile("(x+x+)+y");
    /** Long enough that each match takes milliseconds, short enough that the recursion stays shallow. */
    private static final String ALMOST_A_CODE = "x".repeat(18);

    private final AtomicInteger runs = new AtomicInteger();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long seconds = Math.min(300, Long.parseLong(parameter(request, "seconds", "30")));
        ScenarioThreads.startDaemon(ScenarioThreads.name("cpu-burn", runs.incrementAndGet()), () -> burn(seconds));
        Responses.text(response, HttpServletResponse.SC_ACCEPTED, "burning a core for " + seconds + " s");
    }

    private static void burn(long seconds) {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long invalid = 0;
        while (System.nanoTime() < end) {
            if (!isValidCode(ALMOST_A_CODE)) {
                invalid++;
            }
        }
        if (invalid < 0) {
            System.out.println("unreachable: keeps the loop from being optimised away");
        }
    }

    private static boolean isValidCode(String code) {
        return CODE.matcher(code).matches(); // cpu-burn-site
    }

    static String parameter(HttpServletRequest request, String name, String otherwise) {
        String value = request.getParameter(name);
        return value == null || value.isBlank() ? otherwise : value;
    }
}
