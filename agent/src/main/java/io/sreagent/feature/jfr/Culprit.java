package io.sreagent.feature.jfr;

import java.util.List;

/**
 * Well-known ways to burn CPU that a sampled stack gives away, with what to do about each. Only the
 * innermost frames are looked at: the culprit is what the thread was doing, not what it was called from.
 */
public enum Culprit {
    REGEX("java.util.regex backtracking",
            "A regular expression is backtracking: nested or overlapping quantifiers such as (a+)+ or (.*,)* take exponential time on inputs that almost match.",
            "Rewrite the pattern without nested quantifiers, use possessive (a++) or atomic ((?>...)) groups, bound the input length, and compile the Pattern once."),
    JSON("JSON parsing or writing",
            "Most samples are inside a JSON library: documents are big, parsed repeatedly, or mapped through reflection each time.",
            "Parse once and cache, stream large documents instead of building trees, reuse ObjectMapper/Gson instances (they are thread-safe and costly to create)."),
    STRING_CONCAT("String concatenation in a loop",
            "Strings are being copied over and over: concatenation (s += x) in a loop copies the whole string on every turn, which is quadratic.",
            "Build the text once with a StringBuilder sized up front (or String.join / a stream collector) instead of += in a loop."),
    REFLECTION("reflection",
            "Much time goes into reflective lookups and calls (Class.getMethod, Method.invoke, Class.forName).",
            "Look members up once and cache the Method/Field (or a MethodHandle); avoid per-call Class.forName and getDeclared*.");

    /** How deep into the stack (from the running frame) a culprit is recognised. */
    static final int DEPTH = 8;

    private final String label;
    private final String explanation;
    private final String advice;

    Culprit(String label, String explanation, String advice) {
        this.label = label;
        this.explanation = explanation;
        this.advice = advice;
    }

    public String label() {
        return label;
    }

    public String explanation() {
        return explanation;
    }

    public String advice() {
        return advice;
    }

    /** The culprit a stack (innermost frame first) shows, or null. */
    public static Culprit of(List<StackTraceElement> stack) {
        int n = Math.min(DEPTH, stack.size());
        for (int i = 0; i < n; i++) {
            StackTraceElement f = stack.get(i);
            String c = f.getClassName();
            String m = f.getMethodName();
            if (c.startsWith("java.util.regex.")) {
                return REGEX;
            }
            if (c.startsWith("com.fasterxml.jackson.") || c.startsWith("com.google.gson.") || c.startsWith("org.json.")
                    || c.startsWith("jakarta.json.") || c.startsWith("javax.json.") || c.startsWith("org.glassfish.json.")
                    || c.startsWith("com.alibaba.fastjson")) {
                return JSON;
            }
            if (c.equals("java.lang.StringConcatHelper") || c.equals("java.lang.AbstractStringBuilder")
                    || c.startsWith("java.lang.invoke.StringConcatFactory")) {
                return STRING_CONCAT;
            }
            if (c.startsWith("jdk.internal.reflect.") || (c.equals("java.lang.reflect.Method") && m.equals("invoke"))
                    || (c.equals("java.lang.Class") && (m.startsWith("getDeclared") || m.equals("getMethod")
                    || m.equals("getField") || m.equals("forName") || m.equals("getMethods")))) {
                return REFLECTION;
            }
        }
        return null;
    }
}
