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
 *
 * <p>With {@code deep=true} it validates "words" instead, with {@code (a|b)*c}: linear time, but the
 * regex engine recurses about six frames per character, so each sample's stack is about a hundred
 * frames deep with the application's frame at the bottom (JFR's default stack depth, 64, cuts it off).
 */
public final class CpuBurnScenario extends HttpServlet {
    private static final Pattern CODE = Pattern.compile("(x+x+)+y");
    /** Long enough that each match takes milliseconds, short enough that the recursion stays shallow. */
    private static final String ALMOST_A_CODE = "x".repeat(18);
    private static final Pattern WORD = Pattern.compile("(a|b)*c");
    private static final String ALMOST_A_WORD = "ab".repeat(8);

    private final AtomicInteger runs = new AtomicInteger();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long seconds = Math.min(300, Long.parseLong(parameter(request, "seconds", "30")));
        boolean deep = Boolean.parseBoolean(parameter(request, "deep", "false"));
        ScenarioThreads.startDaemon(ScenarioThreads.name("cpu-burn", runs.incrementAndGet()), () -> burn(seconds, deep));
        Responses.text(response, HttpServletResponse.SC_ACCEPTED, "burning a core for " + seconds + " s");
    }

    private static void burn(long seconds, boolean deep) {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long invalid = 0;
        while (System.nanoTime() < end) {
            if (!(deep ? isValidWord(ALMOST_A_WORD) : isValidCode(ALMOST_A_CODE))) {
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

    private static boolean isValidWord(String word) {
        return WORD.matcher(word).matches(); // cpu-burn-deep-site
    }

    static String parameter(HttpServletRequest request, String name, String otherwise) {
        String value = request.getParameter(name);
        return value == null || value.isBlank() ? otherwise : value;
    }
}
