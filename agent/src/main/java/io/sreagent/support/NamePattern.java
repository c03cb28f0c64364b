package io.sreagent.support;

import java.util.regex.Pattern;

/** A thread name with its numbers collapsed, so "pool-12-thread-3" and "pool-13-thread-1" group as "pool-#-thread-#". */
public final class NamePattern {
    private static final Pattern HIDDEN_CLASS_SUFFIX =
            Pattern.compile("\\$\\$Lambda(?:\\$\\d+)?(?:[/+]0x[0-9a-f]+(?:\\.\\d+)?)?");

    private NamePattern() {
    }

    public static String of(String name) {
        if (name == null || name.isEmpty()) {
            return "(unnamed)";
        }
        StringBuilder out = null;
        boolean inDigits = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean digit = c >= '0' && c <= '9';
            if (digit && out == null) {
                out = new StringBuilder(name.length()).append(name, 0, i);
            }
            if (out != null) {
                if (!digit) {
                    out.append(c);
                } else if (!inDigits) {
                    out.append('#');
                }
            }
            inDigits = digit;
        }
        return out == null ? name : out.toString();
    }

    /** A class name without the per-run parts of lambdas and hidden classes ("Foo$$Lambda/0x1234" becomes "Foo$$Lambda"). */
    public static String className(Class<?> type) {
        return className(type.getName());
    }

    /** The same for a name as stacks and JFR give it ("Foo$$Lambda$403/0x1234", "Foo$$Lambda$403+0x1234.56789"). */
    public static String className(String name) {
        int slash = name.indexOf('/');
        if (slash >= 0) {
            name = name.substring(0, slash);
        }
        int lambda = name.indexOf("$$Lambda");
        return lambda >= 0 ? name.substring(0, lambda + "$$Lambda".length()) : name;
    }

    /** A frame's text without those per-run parts, so that stacks from two JVMs of one application merge. */
    public static String frame(String text) {
        return text.indexOf("$$Lambda") < 0 ? text : HIDDEN_CLASS_SUFFIX.matcher(text).replaceAll("\\$\\$Lambda");
    }

}
