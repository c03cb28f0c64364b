package io.sreagent.feature.http;

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
        int n = path.length();
        int cut = indexOfAny(path, '?', '#');
        if (cut >= 0) {
            n = cut;
        }
        // Most paths need no change: return them as they are, without building anything.
        StringBuilder out = null;
        int copied = 0;
        int i = 0;
        int semicolon = path.indexOf(';');
        while (i <= n) {
            int slash = path.indexOf('/', i);
            int end = slash < 0 || slash > n ? n : slash;
            if (semicolon >= 0 && semicolon < i) {
                semicolon = path.indexOf(';', i);
            }
            int segmentEnd = semicolon >= 0 && semicolon < end ? semicolon : end;
            boolean id = isIdentifier(path, i, segmentEnd);
            if (id || segmentEnd != end) {
                if (out == null) {
                    out = new StringBuilder(Math.min(n, MAX_LENGTH) + 8);
                }
                out.append(path, copied, i).append(id ? ID : path.substring(i, segmentEnd));
                copied = end;
            }
            if (end == n) {
                break;
            }
            i = end + 1;
        }
        String route;
        if (out == null) {
            route = n == path.length() ? path : path.substring(0, n);
        } else {
            route = out.append(path, copied, n).toString();
        }
        if (route.isEmpty() || route.charAt(0) != '/') {
            route = "/" + route;
        }
        return route.length() > MAX_LENGTH ? route.substring(0, MAX_LENGTH) + "..." : route;
    }

    static boolean isIdentifier(String s) {
        return isIdentifier(s, 0, s.length());
    }

    /** Whether {@code s[from, to)} is an identifier. */
    static boolean isIdentifier(String s, int from, int to) {
        int n = to - from;
        if (n == 0) {
            return false;
        }
        int digits = 0;
        int hex = 0;
        int letters = 0;
        for (int i = from; i < to; i++) {
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
        if (isUuid(s, from, to)) {
            return true;
        }
        if (digits > 0 && letters == 0 && hex > 0 && digits + hex == n && n >= 16) {
            return true; // hashes, object ids
        }
        // Opaque tokens: long, and mixing digits with letters (slugs like "top-10-books" stay).
        return n >= 20 && digits > 0 && digits + hex + letters == n;
    }

    private static boolean isUuid(String s, int from, int to) {
        if (to - from != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(from + i);
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
