package io.sreagent.feature.memory;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;

/**
 * Live objects per class, from the DiagnosticCommand MBean's {@code GC.class_histogram} (what
 * {@code jcmd <pid> GC.class_histogram} prints). Taking one runs a full GC, so callers take them rarely.
 */
public final class ClassHistogram {
    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");
    /** The agent's own classes, the libraries shaded into it (io.sreagent.shaded.*) included. */
    private static final String AGENT_PACKAGE = "io.sreagent.";

    private final long takenAtMillis;
    private final Map<String, long[]> classes;

    ClassHistogram(long takenAtMillis, Map<String, long[]> classes) {
        this.takenAtMillis = takenAtMillis;
        this.classes = classes;
    }

    /** Runs the diagnostic command in this JVM (a full GC) and parses its output. */
    public static ClassHistogram take(long nowMillis) throws Exception {
        Object text = ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[]{new String[0]}, new String[]{String[].class.getName()});
        return parse(nowMillis, String.valueOf(text));
    }

    /** Rows "num: instances bytes class-name [(module)]"; the Total line and headers are skipped. */
    static ClassHistogram parse(long takenAtMillis, String text) {
        Map<String, long[]> classes = new HashMap<>();
        for (String line : text.split("\n")) {
            Matcher m = ROW.matcher(line);
            if (m.find()) {
                classes.merge(m.group(3), new long[]{Long.parseLong(m.group(1)), Long.parseLong(m.group(2))},
                        (a, b) -> new long[]{a[0] + b[0], a[1] + b[1]});
            }
        }
        return new ClassHistogram(takenAtMillis, classes);
    }

    public long takenAtMillis() {
        return takenAtMillis;
    }

    /**
     * The classes whose live bytes grew most from {@code before} to this histogram, at most {@code limit}.
     * The agent's own classes (and arrays of them) are left out: the agent's bounded buffers fill up after
     * start, and that is not the application's leak.
     */
    public List<Growth> grownSince(ClassHistogram before, int limit) {
        List<Growth> out = new ArrayList<>();
        classes.forEach((name, now) -> {
            if (isAgents(name)) {
                return;
            }
            long[] then = before.classes.getOrDefault(name, new long[2]);
            long bytes = now[1] - then[1];
            if (bytes > 0) {
                out.add(new Growth(name, now[0] - then[0], bytes, now[0], now[1]));
            }
        });
        out.sort((a, b) -> Long.compare(b.bytesAdded(), a.bytesAdded()));
        return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
    }

    /** "io.sreagent.X", or an array of it as the histogram names it: "[Lio.sreagent.X;", "[[Lio.sreagent.X;". */
    static boolean isAgents(String className) {
        int i = 0;
        while (i < className.length() && className.charAt(i) == '[') {
            i++;
        }
        if (i > 0 && i < className.length() && className.charAt(i) == 'L') {
            i++;
        }
        return className.startsWith(AGENT_PACKAGE, i);
    }

    /** How one class grew between two histograms. */
    public record Growth(String className, long instancesAdded, long bytesAdded, long instancesNow, long bytesNow) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("class", className);
            m.put("instancesAdded", instancesAdded);
            m.put("kbAdded", bytesAdded >> 10);
            m.put("instancesNow", instancesNow);
            m.put("kbNow", bytesNow >> 10);
            return m;
        }
    }
}
