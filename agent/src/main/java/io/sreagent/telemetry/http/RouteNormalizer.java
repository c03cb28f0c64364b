package io.sreagent.telemetry.http;

/**
 * Turns a request path into a route: segments that are identifiers (numbers, UUIDs, long hex or
 * mixed letter-digit tokens) become {@code {id}}, so {@code /orders/42} and {@code /orders/43} are
 * one route. Query strings and matrix parameters ({@code ;jsessionid=...}) are dropped: they may
 * hold personal data and would make every request its own route.
 */
public final class RouteNormalizer {
    static final String ID = "{id}";
    static final int MAX_LENGTH = 160;

    private RouteNormalizer() {
    }

    public static String normalize(String path) {
        if (path == null || path.isEmpty()) {
            return "/";
        }
        int cut = indexOfAny(path, '?', '#');
        if (cut >= 0) {
            path = path.substring(0, cut);
        }
        StringBuilder out = new StringBuilder(Math.min(path.length(), MAX_LENGTH) + 8);
        int i = 0;
        int n = path.length();
        while (i < n) {
            int slash = path.indexOf('/', i);
            int end = slash < 0 ? n : slash;
            String segment = path.substring(i, end);
            int semicolon = segment.indexOf(';');
            if (semicolon >= 0) {
                segment = segment.substring(0, semicolon);
            }
            out.append(isIdentifier(segment) ? ID : segment);
            if (slash < 0) {
                break;
            }
            out.append('/');
            i = slash + 1;
            if (out.length() > MAX_LENGTH) {
                break;
            }
        }
        if (out.length() == 0 || out.charAt(0) != '/') {
            out.insert(0, '/');
        }
        return out.length() > MAX_LENGTH ? out.substring(0, MAX_LENGTH) + "..." : out.toString();
    }

    static boolean isIdentifier(String s) {
        int n = s.length();
        if (n == 0) {
            return false;
        }
        int digits = 0;
        int hex = 0;
        int letters = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) {
                hex++;
            } else if (Character.isLetter(c)) {
                letters++;
            } else if (c != '-' && c != '_') {
                return false;
            }
        }
        if (digits == n) {
            return true;
        }
        if (isUuid(s)) {
            return true;
        }
        if (digits > 0 && letters == 0 && hex > 0 && digits + hex == n && n >= 16) {
            return true; // hashes, object ids
        }
        // Opaque tokens: long, and mixing digits with letters (slugs like "top-10-books" stay).
        return n >= 20 && digits > 0 && digits + hex + letters >= n - 2 && s.indexOf('-') < 0;
    }

    private static boolean isUuid(String s) {
        if (s.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash != (c == '-')) {
                return false;
            }
            if (!dash && Character.digit(c, 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static int indexOfAny(String s, char a, char b) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == a || c == b) {
                return i;
            }
        }
        return -1;
    }
}
