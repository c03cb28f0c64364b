package io.sreagent.report;

import java.time.Duration;

/** How numbers read in findings and metrics, the same in every area. */
public final class Format {
    private Format() {
    }

    /** "5 min" for whole minutes, else "90 s". */
    public static String duration(Duration d) {
        long s = d.toSeconds();
        return s % 60 == 0 ? (s / 60) + " min" : s + " s";
    }

    /** One decimal place: 12.34 becomes 12.3. */
    public static double oneDecimal(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
