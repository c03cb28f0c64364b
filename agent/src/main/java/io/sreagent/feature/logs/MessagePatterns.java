package io.sreagent.feature.logs;

/**
 * A log message as reports may show it: the pattern the code passed ({@code {}} or {@code {0}}
 * placeholders stay), never the formatted text. A message built by concatenation carries its values,
 * so quoted text and numbers of three digits or more are masked and the length is capped: those
 * messages then also fall into one pattern instead of one per value.
 */
final class MessagePatterns {
    static final int MAX_LENGTH = 160;

    private MessagePatterns() {
    }

    static String normalise(String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(pattern.length(), MAX_LENGTH));
        int n = pattern.length();
        for (int i = 0; i < n && out.length() < MAX_LENGTH; i++) {
            char c = pattern.charAt(i);
            if (c == '\'' || c == '"') {
                int close = pattern.indexOf(c, i + 1);
                if (close > i) {
                    out.append(c).append('?').append(c);
                    i = close;
                    continue;
                }
            }
            if (Character.isDigit(c)) {
                int j = i;
                while (j < n && Character.isDigit(pattern.charAt(j))) {
                    j++;
                }
                if (j - i >= 3) {
                    out.append('#');
                } else {
                    out.append(pattern, i, j);
                }
                i = j - 1;
                continue;
            }
            if (c == '\n' || c == '\r') {
                break; // a multi-line message keeps its first line
            }
            out.append(c);
        }
        if (out.length() >= MAX_LENGTH && n > MAX_LENGTH) {
            out.append('…');
        }
        return out.toString();
    }
}
