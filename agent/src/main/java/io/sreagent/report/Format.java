package io.sreagent.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How numbers read in findings and metrics, the same in every area. */
public final class Format {
    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Format() {
    }

    /** ISO-8601 in UTC, always to the millisecond ("2026-11-21T10:15:30.000Z"), so timestamps sort and compare as text. */
    public static String instant(Instant t) {
        return INSTANT.format(t);
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
