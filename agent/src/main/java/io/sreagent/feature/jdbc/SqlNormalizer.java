package io.sreagent.feature.jdbc;

import java.util.regex.Pattern;

/**
 * Turns SQL text into a statement shape that is safe to report and groups executions of the same
 * statement: string, number, hex and boolean-free literals become {@code ?}, {@code IN (?, ?, ...)}
 * lists become {@code IN (?)} (other tuples keep their arity), comments are dropped (they may carry data) and whitespace is folded.
 * Identifiers, including quoted ones, are kept.
 */
public final class SqlNormalizer {
    private static final Pattern IN_LIST = Pattern.compile(
            "(?i)\\bIN\\s*\\(\\s*\\?(\\s*,\\s*\\?)*\\s*\\)");
    private static final Pattern TUPLE = Pattern.compile("\\(\\s*\\?(\\s*,\\s*\\?)+\\s*\\)");
    private static final Pattern REPEATED_ROWS = Pattern.compile("(\\(\\?(?:, \\?)*\\))(?:\\s*,\\s*\\1)+");

    /** Longer statements are cut: the shape is what matters, and a report must stay small. */
    static final int MAX_LENGTH = 400;

    private SqlNormalizer() {
    }

    public static String normalize(String sql) {
        StringBuilder out = new StringBuilder(Math.min(sql.length(), MAX_LENGTH + 16));
        int n = sql.length();
        int i = 0;
        while (i < n && out.length() <= MAX_LENGTH) {
            char c = sql.charAt(i);
            if (c == '\'') {
                i = skipQuoted(sql, i, '\'');
                out.append('?');
            } else if (c == '"' || c == '`') {
                int end = skipQuoted(sql, i, c);
                out.append(sql, i, end);
                i = end;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
                space(out);
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                space(out);
            } else if (Character.isWhitespace(c)) {
                space(out);
                i++;
            } else if (isDigit(c) && !inWord(out)) {
                i = skipNumber(sql, i);
                out.append('?');
            } else if (c == '$' && i + 1 < n && sql.charAt(i + 1) == '$') {
                int end = sql.indexOf("$$", i + 2); // PostgreSQL dollar-quoted literal
                i = end < 0 ? n : end + 2;
                out.append('?');
            } else {
                out.append(c);
                i++;
            }
        }
        String folded = collapseLists(out.toString().trim());
        return folded.length() > MAX_LENGTH ? folded.substring(0, MAX_LENGTH) + "..." : folded;
    }

    /** For users who turned redaction off: the SQL as written, whitespace folded and cut to length. */
    public static String foldWhitespace(String sql) {
        String folded = sql.trim().replaceAll("\\s+", " ");
        return folded.length() > MAX_LENGTH ? folded.substring(0, MAX_LENGTH) + "..." : folded;
    }

    private static void space(StringBuilder out) {
        if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
            out.append(' ');
        }
    }

    /** A digit right after a letter, digit or underscore is part of an identifier (t1, col_2), not a literal. */
    private static boolean inWord(StringBuilder out) {
        if (out.length() == 0) {
            return false;
        }
        char prev = out.charAt(out.length() - 1);
        return Character.isLetterOrDigit(prev) || prev == '_' || prev == '$' || prev == '.';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Index after the closing quote; a doubled quote inside is an escaped one. */
    private static int skipQuoted(String sql, int start, char quote) {
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\\' && quote == '\'') {
                i += 2;
                continue;
            }
            if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }

    /** Decimal, scientific and hexadecimal numbers. */
    private static int skipNumber(String sql, int start) {
        int i = start;
        if (sql.startsWith("0x", i) || sql.startsWith("0X", i)) {
            i += 2;
        }
        while (i < sql.length()) {
            char c = sql.charAt(i);
            boolean exponentSign = (c == '+' || c == '-') && (sql.charAt(i - 1) == 'e' || sql.charAt(i - 1) == 'E');
            if (Character.isLetterOrDigit(c) || c == '.' || exponentSign) {
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    /**
     * IN lists of any length become {@code IN (?)}, so they are one statement. Other all-placeholder tuples
     * keep their arity ({@code VALUES (2, 1)} is {@code VALUES (?, ?)}, a two-column insert), spaced alike,
     * and repeated rows of one arity become one row.
     */
    private static String collapseLists(String sql) {
        if (sql.indexOf('?') < 0) {
            return sql;
        }
        String out = IN_LIST.matcher(sql).replaceAll(m -> m.group().substring(0, 2) + " (?)"); // the keyword as written
        out = TUPLE.matcher(out).replaceAll(m -> "(" + "?, ".repeat((int) m.group().chars().filter(c -> c == '?').count() - 1) + "?)");
        return REPEATED_ROWS.matcher(out).replaceAll("$1");
    }
}
