package io.sreagent.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The catalogue of configuration keys. Keys are lower-case words joined by dots, so that
 * {@code -Dsre.report.dir} and {@code SRE_REPORT_DIR} map to the same key without ambiguity.
 * Per-feature switches ({@code instrument.<feature>}) are added by {@link ConfigLoader} from the
 * features that exist.
 */
public final class Options {
    public static final String CONFIG_FILE = "config";
    public static final String REPORT_DIR = "report.dir";
    public static final String REPORT_INTERVAL = "report.interval";
    public static final String REPORT_FORMATS = "report.formats";
    public static final String REPORT_KEEP = "report.keep";
    public static final String REPORT_ON_SHUTDOWN = "report.shutdown";
    public static final String TRIGGER_THRESHOLD = "trigger.threshold";
    public static final String TRIGGER_COOLDOWN = "trigger.cooldown";
    public static final String EVALUATE_INTERVAL = "evaluate.interval";
    public static final String LOG_LEVEL = "log.level";
    public static final String SITE_SKIP = "site.skip";
    public static final String HEAP_THRESHOLD = "heap.threshold";
    public static final String HEAP_WINDOW = "heap.window";
    public static final String FD_GROWTH = "fd.growth";
    public static final String FD_WINDOW = "fd.window";
    public static final String THREADS_GROWTH = "threads.growth";
    public static final String THREADS_WINDOW = "threads.window";
    public static final String LISTENERS_THRESHOLD = "listeners.threshold";
    public static final String LISTENERS_WINDOW = "listeners.window";
    public static final String INSTRUMENT_PREFIX = "instrument.";

    static final Map<String, Option> ALL = new LinkedHashMap<>();

    static {
        add(CONFIG_FILE, "", "the path of a readable properties file",
                "properties file with more options (lowest precedence)", s -> s);
        add(REPORT_DIR, "", "a directory the JVM's user can create and write",
                "where report files go (default: <java.io.tmpdir>/sre-agent)", s -> s);
        add(REPORT_INTERVAL, "5m", "a duration such as 30s, 5m, 1h, or off",
                "how often a periodic report file is written", Values::durationOrOff);
        add(REPORT_FORMATS, "json,text", "json, text or both (json+text)",
                "formats of report files", s -> Values.subsetOf(s, Set.of("json", "text")));
        add(REPORT_KEEP, "20", "a whole number from 1 to 10000",
                "how many reports are kept in report.dir; older ones are deleted",
                s -> Values.intBetween(s, 1, 10_000));
        add(REPORT_ON_SHUTDOWN, "on", "on or off",
                "write a final report when the JVM shuts down normally", Values::onOff);
        add(TRIGGER_THRESHOLD, "on", "on or off",
                "write a report at once when a new critical finding appears", Values::onOff);
        add(TRIGGER_COOLDOWN, "5m", "a duration such as 30s, 5m, 1h",
                "least time between two threshold reports", Values::duration);
        add(EVALUATE_INTERVAL, "10s", "a duration from 100ms to 1h",
                "how often signals are sampled and rules evaluated", s -> {
                    var d = Values.duration(s);
                    if (d.toMillis() < 100 || d.toHours() > 1) {
                        throw new IllegalArgumentException(s);
                    }
                    return d;
                });
        add(LOG_LEVEL, "info", "error, warn, info or debug",
                "how much the agent logs to stderr", s -> Values.oneOf(s, Set.of("error", "warn", "info", "debug")));
        add(SITE_SKIP, "", "comma-separated package prefixes such as com.acme.lib",
                "extra packages never named as the responsible site (libraries of yours)", Values::packages);
        add(HEAP_THRESHOLD, "80", "a percentage from 1 to 100",
                "heap used after GC, as a share of the maximum, that counts as pressure",
                s -> Values.doubleBetween(s, 1, 100));
        add(HEAP_WINDOW, "5m", "a duration such as 1m, 5m",
                "how long heap pressure must last before it is reported", Values::duration);
        add(FD_GROWTH, "64", "a whole number from 1 to 1000000",
                "open file descriptors gained over fd.window that count as a leak",
                s -> Values.intBetween(s, 1, 1_000_000));
        add(FD_WINDOW, "10m", "a duration such as 5m, 10m",
                "window over which descriptor growth is judged", Values::duration);
        add(THREADS_GROWTH, "50", "a whole number from 1 to 1000000",
                "live threads gained over threads.window that count as a leak (a site must account for half)",
                s -> Values.intBetween(s, 1, 1_000_000));
        add(THREADS_WINDOW, "5m", "a duration such as 1m, 5m",
                "window over which thread growth is judged", Values::duration);
        add(LISTENERS_THRESHOLD, "100", "a whole number from 2 to 1000000",
                "net listener registrations on one object that count as a leak when they are still growing",
                s -> Values.intBetween(s, 2, 1_000_000));
        add(LISTENERS_WINDOW, "5m", "a duration such as 1m, 5m",
                "window over which listener growth is judged", Values::duration);
    }

    private Options() {
    }

    private static void add(String key, String def, String accepted, String description,
                            java.util.function.Function<String, Object> parser) {
        ALL.put(key, new Option(key, def, accepted, description, parser));
    }

    static Option instrumentSwitch(String feature) {
        return new Option(INSTRUMENT_PREFIX + feature, "on", "on or off",
                "turn the " + feature + " feature on or off", Values::onOff);
    }
}
