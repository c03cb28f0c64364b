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
    public static final String CPU_THRESHOLD = "cpu.threshold";
    public static final String CPU_WINDOW = "cpu.window";
    public static final String HOT_SHARE = "hot.share";
    public static final String HOT_CORES = "hot.cores";
    public static final String HOT_WINDOW = "hot.window";
    public static final String GC_THRESHOLD = "gc.threshold";
    public static final String GC_WINDOW = "gc.window";
    public static final String LOCK_THRESHOLD = "lock.threshold";
    public static final String LOCK_WINDOW = "lock.window";
    public static final String MEMORY_GROWTH = "memory.growth";
    public static final String MEMORY_WINDOW = "memory.window";
    public static final String MEMORY_HISTOGRAM = "memory.histogram";
    public static final String JFR_DELAY = "jfr.delay";
    public static final String JFR_SAMPLE_PERIOD = "jfr.sample.period";
    public static final String JFR_LOCK_THRESHOLD = "jfr.lock.threshold";
    public static final String JFR_STACK_DEPTH = "jfr.stack.depth";
    public static final String JFR_DUMP = "jfr.dump";
    public static final String JFR_DUMP_AGE = "jfr.dump.age";
    public static final String JFR_DUMP_SIZE = "jfr.dump.size";
    public static final String HTTP_SLOW_P95 = "http.slow.p95";
    public static final String HTTP_SLOW_P99 = "http.slow.p99";
    public static final String HTTP_MIN_REQUESTS = "http.min.requests";
    public static final String HTTP_ERROR_RATE = "http.error.rate";
    public static final String HTTP_ROUTES_MAX = "http.routes.max";
    public static final String EXTERNAL_SLOW_P95 = "external.slow.p95";
    public static final String EXTERNAL_MIN_CALLS = "external.min.calls";
    public static final String EXTERNAL_ERROR_RATE = "external.error.rate";
    public static final String EXTERNAL_HOSTS_MAX = "external.hosts.max";
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
                "how often signals are sampled and rules evaluated", s -> Values.durationBetween(s, 100, 3_600_000));
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
        add(CPU_THRESHOLD, "80", "a percentage from 1 to 100",
                "JVM CPU use, as a share of the whole machine, that counts as high when sustained over cpu.window",
                s -> Values.doubleBetween(s, 1, 100));
        add(CPU_WINDOW, "1m", "a duration from 5s to 1h", "how long high CPU must last before it is reported",
                s -> Values.durationBetween(s, 5_000, 3_600_000));
        add(HOT_SHARE, "50", "a percentage from 1 to 100",
                "share of the CPU samples one method (or regex/JSON/concatenation/reflection) must hold to be hot",
                s -> Values.doubleBetween(s, 1, 100));
        add(HOT_CORES, "0.25", "a number of cores from 0.01 to 1024",
                "how many cores' worth of samples the hot method must use for a warning (less is info)",
                s -> Values.doubleBetween(s, 0.01, 1024));
        add(HOT_WINDOW, "1m", "a duration from 5s to 1h", "window of CPU samples the hot-method rule looks at",
                s -> Values.durationBetween(s, 5_000, 3_600_000));
        add(GC_THRESHOLD, "10", "a percentage from 1 to 100",
                "share of wall time spent in GC pauses that counts as GC pressure", s -> Values.doubleBetween(s, 1, 100));
        add(GC_WINDOW, "1m", "a duration from 5s to 1h", "how long GC pressure must last before it is reported",
                s -> Values.durationBetween(s, 5_000, 3_600_000));
        add(LOCK_THRESHOLD, "10", "a percentage from 1 to 10000",
                "time threads spent waiting for one lock, summed, as a share of lock.window, that counts as contention",
                s -> Values.doubleBetween(s, 1, 10_000));
        add(LOCK_WINDOW, "1m", "a duration from 5s to 1h", "window over which lock waits are summed",
                s -> Values.durationBetween(s, 5_000, 3_600_000));
        add(MEMORY_GROWTH, "10", "a percentage from 1 to 100",
                "growth of heap used after GC over memory.window, as a share of the maximum heap, that counts as a leak",
                s -> Values.doubleBetween(s, 1, 100));
        add(MEMORY_WINDOW, "10m", "a duration from 10s to 24h", "window over which heap growth is judged",
                s -> Values.durationBetween(s, 10_000, 86_400_000));
        add(MEMORY_HISTOGRAM, "on", "on or off",
                "on memory growth, diff two class histograms to name the growing classes (each costs a full GC)",
                Values::onOff);
        add(JFR_DELAY, "10s", "a duration from 0s to 10m",
                "with -javaagent, how long the JFR stream waits before it starts, so its set-up (about a CPU-second) does not compete with the application's start; after attach it starts at once",
                s -> s.matches("0+(ms|s|m|h)") ? java.time.Duration.ZERO : Values.durationBetween(s, 0, 600_000));
        add(JFR_SAMPLE_PERIOD, "300ms", "a duration from 10ms to 1s",
                "how often JFR samples running threads' stacks (shorter: finer profile, more overhead)",
                s -> Values.durationBetween(s, 10, 1000));
        add(JFR_LOCK_THRESHOLD, "20ms", "a duration from 1ms to 10s",
                "shortest monitor or lock wait JFR records", s -> Values.durationBetween(s, 1, 10_000));
        add(JFR_STACK_DEPTH, "128", "a number of frames from 16 to 2048",
                "deepest JFR stack trace, innermost frames kept (JFR.configure stackdepth; only if JFR is not running yet in this JVM, else its depth stays)",
                s -> Values.intBetween(s, 16, 2048));
        add(JFR_DUMP, "on", "on or off", "save the recent JFR recording next to each threshold report", Values::onOff);
        add(JFR_DUMP_AGE, "2m", "a duration from 10s to 1h", "how far back the saved JFR recording goes",
                s -> Values.durationBetween(s, 10_000, 3_600_000));
        add(JFR_DUMP_SIZE, "32", "a size in MB from 1 to 1024", "largest JFR recording kept on disk and saved, in MB",
                s -> Values.intBetween(s, 1, 1024));
        add(HTTP_SLOW_P95, "500ms", "a duration such as 500ms, 1s",
                "95th percentile of a route's latency above which it is a slow endpoint", Values::duration);
        add(HTTP_SLOW_P99, "1s", "a duration such as 1s, 2s",
                "99th percentile of a route's latency above which it is a slow endpoint", Values::duration);
        add(HTTP_MIN_REQUESTS, "20", "a whole number from 1 to 1000000",
                "requests a route needs before its latency and error rate are judged",
                s -> Values.intBetween(s, 1, 1_000_000));
        add(HTTP_ERROR_RATE, "0.1", "a percentage from 0 to 100",
                "share of 5xx answers of a route above which it has endpoint errors",
                s -> Values.doubleBetween(s, 0, 100));
        add(HTTP_ROUTES_MAX, "200", "a whole number from 1 to 10000",
                "distinct routes tracked; further ones are counted under the route other",
                s -> Values.intBetween(s, 1, 10_000));
        add(EXTERNAL_SLOW_P95, "500ms", "a duration such as 500ms, 1s",
                "95th percentile of calls to a host above which it is a slow external call", Values::duration);
        add(EXTERNAL_MIN_CALLS, "5", "a whole number from 1 to 1000000",
                "calls to a host needed before its latency and error rate are judged",
                s -> Values.intBetween(s, 1, 1_000_000));
        add(EXTERNAL_ERROR_RATE, "1", "a percentage from 0 to 100",
                "share of failed calls (5xx, time-outs, I/O errors) to a host above which it is reported",
                s -> Values.doubleBetween(s, 0, 100));
        add(EXTERNAL_HOSTS_MAX, "100", "a whole number from 1 to 10000",
                "distinct outbound hosts tracked; further ones are counted under the host other",
                s -> Values.intBetween(s, 1, 10_000));
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
