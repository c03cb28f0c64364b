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
    public static final String JDBC_LEAK_THRESHOLD = "jdbc.leak.threshold";
    public static final String JDBC_LEAK_ALLOW = "jdbc.leak.allow";
    public static final String JDBC_TRACK_MAX = "jdbc.track.max";
    public static final String JDBC_STACK = "jdbc.stack";
    public static final String JDBC_STACK_SAMPLE = "jdbc.stack.sample";
    public static final String JDBC_SLOW = "jdbc.slow";
    public static final String JDBC_STATEMENTS_MAX = "jdbc.statements.max";
    public static final String JDBC_REDACT = "jdbc.redact";
    public static final String JDBC_POOL_WAIT = "jdbc.pool.wait";
    public static final String JDBC_POOL_BUSY = "jdbc.pool.busy";
    public static final String JDBC_POOL_WINDOW = "jdbc.pool.window";
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
        add(JDBC_LEAK_THRESHOLD, "30s", "a duration such as 10s, 30s, 5m",
                "a JDBC connection held this long without close() is a suspected leak", Values::duration);
        add(JDBC_LEAK_ALLOW, "", "comma-separated packages, classes or Class.method names such as com.acme.BatchJob.run",
                "acquisition sites that hold connections for long on purpose and are never reported as leaks",
                Values::packages);
        add(JDBC_TRACK_MAX, "10000", "a whole number from 100 to 10000000",
                "most open JDBC connections tracked at once in the shared table (plus 8 per thread); more are counted as dropped",
                s -> Values.intBetween(s, 100, 10_000_000));
        add(JDBC_STACK, "sampled", "always, sampled or never",
                "when the stack of a connection acquisition is captured (sampled: 1 in jdbc.stack.sample, and every one once a leak or exhausted pool without a site is seen)",
                s -> Values.oneOf(s, Set.of("always", "sampled", "never")));
        add(JDBC_STACK_SAMPLE, "256", "a whole number from 1 to 1000000",
                "with jdbc.stack=sampled, one acquisition in this many has its stack captured",
                s -> Values.intBetween(s, 1, 1_000_000));
        add(JDBC_SLOW, "1s", "a duration such as 200ms, 1s",
                "a SQL execution at least this long is slow", Values::duration);
        add(JDBC_STATEMENTS_MAX, "200", "a whole number from 10 to 100000",
                "distinct SQL statements timed apart; further ones share one 'other' entry",
                s -> Values.intBetween(s, 10, 100_000));
        add(JDBC_REDACT, "on", "on or off",
                "replace SQL literals with ? in reports (off shows SQL as written: may expose data)", Values::onOff);
        add(JDBC_POOL_WAIT, "1s", "a duration such as 200ms, 1s",
                "waiting this long for a connection counts as a slow acquisition", Values::duration);
        add(JDBC_POOL_BUSY, "30s", "a duration such as 10s, 30s",
                "how long a pool must stay at 80 % of its maximum or more to be reported", Values::duration);
        add(JDBC_POOL_WINDOW, "2m", "a duration such as 1m, 5m",
                "window over which pool waits, timeouts and use are judged", Values::duration);
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
