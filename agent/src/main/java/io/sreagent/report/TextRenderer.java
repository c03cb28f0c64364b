package io.sreagent.report;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The report for a person on call: findings first, worst first, each with its proof and what to do. */
final class TextRenderer {
    private static final int STACK_LINES = 12;

    private TextRenderer() {
    }

    static String render(Report r) {
        StringBuilder out = new StringBuilder(2048);
        Map<String, Object> jvm = r.jvm();
        out.append("sre-agent report — pid ").append(jvm.get("pid")).append(" (").append(jvm.get("mainClass"))
                .append("), Java ").append(jvm.get("javaVersion")).append(", up ")
                .append(duration(((Number) jvm.get("uptimeMs")).longValue())).append('\n');
        out.append("generated ").append(Format.instant(r.generatedAt())).append(", trigger: ").append(r.trigger().kind().label());
        if (r.trigger().reason() != null) {
            out.append(" (").append(r.trigger().reason()).append(')');
        }
        out.append("\n\n");
        List<Finding> findings = r.findings();
        if (findings.isEmpty()) {
            out.append("No findings: nothing looks wrong.\n");
        } else {
            out.append(findings.size()).append(findings.size() == 1 ? " finding: " : " findings: ")
                    .append(r.count(Severity.CRITICAL)).append(" critical, ")
                    .append(r.count(Severity.WARNING)).append(" warning, ")
                    .append(r.count(Severity.INFO)).append(" info\n");
        }
        for (Finding f : findings) {
            out.append('\n').append('[').append(f.severity().name()).append("] ").append(f.id()).append(" — ")
                    .append(f.title()).append('\n');
            if (f.site() != null) {
                out.append("  site: ").append(f.site()).append('\n');
            }
            if (f.firstSeen() != null) {
                out.append("  seen: ").append(Format.instant(f.firstSeen())).append(" to ").append(Format.instant(f.lastSeen()))
                        .append(f.window() == null ? "" : ", judged over the last " + f.window().toSeconds() + " s").append('\n');
            }
            out.append("  evidence:\n");
            f.evidence().forEach((k, v) -> value(out, "    ", k, v));
            if (!f.stack().isEmpty() && !holds(f.evidence(), f.stack())) { // a deadlock's threads carry their stacks already
                out.append("  stack:\n");
                f.stack().stream().limit(STACK_LINES).forEach(frame -> out.append("    at ").append(frame).append('\n'));
                if (f.stack().size() > STACK_LINES) {
                    out.append("    ... ").append(f.stack().size() - STACK_LINES).append(" more\n");
                }
            }
            if (!f.advice().isEmpty()) {
                out.append("  what to do:\n");
                f.advice().forEach(a -> out.append("    - ").append(a).append('\n'));
            }
        }
        out.append("\nmetrics:\n");
        r.metrics().forEach((k, v) -> value(out, "  ", k, v));
        return out.toString();
    }

    /**
     * Nested maps become indented blocks. In lists, small maps (metrics rows) take one line each, larger
     * ones (a thread with its stack) a block each; long lists of text one line per item.
     */
    private static void value(StringBuilder out, String indent, String key, Object v) {
        if (v instanceof Map<?, ?> map) {
            out.append(indent).append(key).append(":\n");
            map.forEach((k, inner) -> value(out, indent + "  ", String.valueOf(k), inner));
        } else if (v instanceof Collection<?> list && !list.isEmpty() && list.iterator().next() instanceof Map) {
            out.append(indent).append(key).append(":\n");
            for (Object item : list) {
                Map<?, ?> row = (Map<?, ?>) item;
                if (row.size() <= 4 && row.values().stream().noneMatch(x -> x instanceof Collection || x instanceof Map)) {
                    out.append(indent).append("  - ").append(inline(item)).append('\n');
                    continue;
                }
                String first = "  - ";
                for (Map.Entry<?, ?> e : row.entrySet()) {
                    StringBuilder one = new StringBuilder();
                    value(one, indent + "    ", String.valueOf(e.getKey()), e.getValue());
                    out.append(indent).append(first).append(one.substring(indent.length() + 4));
                    first = "    ";
                }
            }
        } else if (v instanceof Collection<?> list && list.size() > 3) {
            out.append(indent).append(key).append(":\n");
            list.forEach(item -> out.append(indent).append("    ").append(inline(item)).append('\n'));
        } else {
            out.append(indent).append(key).append(": ").append(inline(v)).append('\n');
        }
    }

    private static String inline(Object v) {
        if (v instanceof Map<?, ?> map) {
            StringBuilder s = new StringBuilder();
            map.forEach((k, inner) -> s.append(s.length() == 0 ? "" : ", ").append(k).append('=').append(inline(inner)));
            return s.toString();
        }
        if (v instanceof Double d) {
            return String.format(java.util.Locale.ROOT, "%.2f", d);
        }
        return String.valueOf(v);
    }

    static String duration(long ms) {
        long s = ms / 1000;
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m " + (s % 60) + "s";
        }
        return (s / 3600) + "h " + (s % 3600 / 60) + "m";
    }

    /** Whether the evidence, at any depth, already holds this list. */
    private static boolean holds(Object evidence, List<String> stack) {
        if (evidence instanceof Map<?, ?> m) {
            return m.values().stream().anyMatch(v -> holds(v, stack));
        }
        if (evidence instanceof List<?> l) {
            return l.equals(stack) || l.stream().anyMatch(v -> holds(v, stack));
        }
        return false;
    }
}
