package io.sreagent.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Parsers for option values; each throws IllegalArgumentException on input it does not accept. */
final class Values {
    private Values() {
    }

    /** "500ms", "10s", "5m", "1h", "2d". A bare number is refused: its unit would be a guess. */
    static Duration duration(String text) {
        String s = text.toLowerCase(Locale.ROOT);
        int split = 0;
        while (split < s.length() && Character.isDigit(s.charAt(split))) {
            split++;
        }
        if (split == 0 || split == s.length()) {
            throw new IllegalArgumentException(text);
        }
        long amount = Long.parseLong(s.substring(0, split));
        Duration d = switch (s.substring(split)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> throw new IllegalArgumentException(text);
        };
        if (d.isZero()) {
            throw new IllegalArgumentException(text);
        }
        return d;
    }

    /** A duration from {@code minMillis} to {@code maxMillis}, both included. */
    static Duration durationBetween(String text, long minMillis, long maxMillis) {
        Duration d = duration(text);
        if (d.toMillis() < minMillis || d.toMillis() > maxMillis) {
            throw new IllegalArgumentException(text);
        }
        return d;
    }

    /** A duration from zero ("0s", "0ms"...) to {@code maxMillis}. */
    static Duration delayUpTo(String text, long maxMillis) {
        return text.matches("0+(ms|s|m|h)") ? Duration.ZERO : durationBetween(text, 0, maxMillis);
    }

    /** A duration, or "off" (returned as {@link Duration#ZERO}). */
    static Duration durationOrOff(String text) {
        return "off".equalsIgnoreCase(text) ? Duration.ZERO : duration(text);
    }

    static boolean onOff(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "on", "true", "yes" -> true;
            case "off", "false", "no" -> false;
            default -> throw new IllegalArgumentException(text);
        };
    }

    static int intBetween(String text, int min, int max) {
        int value = Integer.parseInt(text);
        if (value < min || value > max) {
            throw new IllegalArgumentException(text);
        }
        return value;
    }

    static double doubleBetween(String text, double min, double max) {
        double value = Double.parseDouble(text);
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(text);
        }
        return value;
    }

    /** A non-empty list, separated by commas or '+', of words from {@code allowed}. */
    static List<String> subsetOf(String text, Set<String> allowed) {
        List<String> out = new ArrayList<>();
        for (String part : text.split("[,+]")) {
            String word = part.trim().toLowerCase(Locale.ROOT);
            if (!allowed.contains(word)) {
                throw new IllegalArgumentException(text);
            }
            if (!out.contains(word)) {
                out.add(word);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(text);
        }
        return List.copyOf(out);
    }

    /** "a, b or c". */
    static String either(List<String> words) {
        return words.size() == 1 ? words.get(0)
                : String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
    }

    /** 100.0 as "100", 0.25 as "0.25": bounds as the user would write them. */
    static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    static String oneOf(String text, Set<String> allowed) {
        String word = text.toLowerCase(Locale.ROOT);
        if (!allowed.contains(word)) {
            throw new IllegalArgumentException(text);
        }
        return word;
    }

    /** Package prefixes such as "com.acme.generated,org.example.lib". */
    static List<String> packages(String text) {
        List<String> out = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            if (!p.isEmpty()) {
                if (!p.matches("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*\\.?")) {
                    throw new IllegalArgumentException(text);
                }
                out.add(p.endsWith(".") ? p : p + ".");
            }
        }
        return List.copyOf(out);
    }
}
