package io.sreagent.config;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * One configuration key, declared by the area that reads it: its default, what it accepts (said to the
 * user when a value is wrong, and in the README's option table), what it does, and how a text value
 * becomes a typed one. Keys are lower-case words joined by dots, so that {@code -Dsre.report.dir} and
 * {@code SRE_REPORT_DIR} map to the same key without ambiguity.
 */
public final class Option<T> {
    private final String key;
    private final String defaultValue;
    private final String shownDefault;
    private final String accepted;
    private final String description;
    private final Function<String, T> parser;

    private Option(String key, String defaultValue, String shownDefault, String accepted, String description,
                   Function<String, T> parser) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.shownDefault = shownDefault;
        this.accepted = accepted;
        this.description = description;
        this.parser = parser;
    }

    /** A duration such as 500ms, 30s, 5m, 1h, 2d; a bare number is refused (its unit would be a guess). */
    public static Option<Duration> duration(String key, String defaultValue, String description) {
        return new Option<>(key, defaultValue, null, "a duration such as 500ms, 30s, 5m, 1h", description, Values::duration);
    }

    /** A duration from {@code min} to {@code max}, both included ("100ms", "1h": the bounds as the user writes them). */
    public static Option<Duration> duration(String key, String defaultValue, String min, String max, String description) {
        long lo = Values.duration(min).toMillis();
        long hi = Values.duration(max).toMillis();
        return new Option<>(key, defaultValue, null, "a duration from " + min + " to " + max, description,
                s -> Values.durationBetween(s, lo, hi));
    }

    /** A duration, or "off" (read as {@link Duration#ZERO}: see {@link Config#durationOrNull}). */
    public static Option<Duration> durationOrOff(String key, String defaultValue, String description) {
        return new Option<>(key, defaultValue, null, "a duration such as 30s, 5m, 1h, or off", description,
                Values::durationOrOff);
    }

    /** A duration from 0 (written 0s) to {@code max}. */
    public static Option<Duration> delay(String key, String defaultValue, String max, String description) {
        long hi = Values.duration(max).toMillis();
        return new Option<>(key, defaultValue, null, "a duration from 0s to " + max, description,
                s -> Values.delayUpTo(s, hi));
    }

    public static Option<Integer> integer(String key, String defaultValue, int min, int max, String description) {
        return integer(key, defaultValue, "a whole number", min, max, description);
    }

    /** A whole number; {@code what} names it for the user ("a number of frames", "a size in MB"). */
    public static Option<Integer> integer(String key, String defaultValue, String what, int min, int max,
                                          String description) {
        return new Option<>(key, defaultValue, null, what + " from " + min + " to " + max, description,
                s -> Values.intBetween(s, min, max));
    }

    /** A decimal number; {@code what} names it for the user ("a percentage", "a number of cores"). */
    public static Option<Double> number(String key, String defaultValue, String what, double min, double max,
                                        String description) {
        return new Option<>(key, defaultValue, null, what + " from " + Values.plain(min) + " to " + Values.plain(max),
                description, s -> Values.doubleBetween(s, min, max));
    }

    public static Option<Double> percentage(String key, String defaultValue, double min, double max, String description) {
        return number(key, defaultValue, "a percentage", min, max, description);
    }

    public static Option<Boolean> onOff(String key, String defaultValue, String description) {
        return new Option<>(key, defaultValue, null, "on or off", description, Values::onOff);
    }

    /** One word of {@code words}, written "a, b or c" to the user. */
    public static Option<String> oneOf(String key, String defaultValue, List<String> words, String description) {
        Set<String> allowed = Set.copyOf(words);
        return new Option<>(key, defaultValue, null, Values.either(words), description, s -> Values.oneOf(s, allowed));
    }

    /** A non-empty list of words of {@code words}, separated by commas or '+'. */
    public static Option<List<String>> someOf(String key, String defaultValue, List<String> words, String accepted,
                                             String description) {
        Set<String> allowed = Set.copyOf(words);
        return new Option<>(key, defaultValue, null, accepted, description, s -> Values.subsetOf(s, allowed));
    }

    /** Comma-separated package prefixes (or classes and Class.method names): none by default. */
    public static Option<List<String>> packages(String key, String accepted, String description) {
        return new Option<>(key, "", null, accepted, description, Values::packages);
    }

    /** Free text such as a path; {@code shownDefault} is what the README says when the default is computed. */
    public static Option<String> text(String key, String shownDefault, String accepted, String description) {
        return new Option<>(key, "", shownDefault, accepted, description, s -> s);
    }

    public String key() {
        return key;
    }

    public String defaultValue() {
        return defaultValue;
    }

    /** The default as the README's option table shows it. */
    public String shownDefault() {
        if (shownDefault != null) {
            return shownDefault;
        }
        return defaultValue.isEmpty() ? "none" : "`" + defaultValue + "`";
    }

    public String accepted() {
        return accepted;
    }

    public String description() {
        return description;
    }

    /** The key: what logs and messages name. */
    @Override
    public String toString() {
        return key;
    }

    Object parse(String value) throws ConfigException {
        try {
            return parser.apply(value.trim());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("option '" + key + "' has a bad value '" + value + "': expected " + accepted);
        }
    }
}
