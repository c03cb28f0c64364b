package io.sreagent.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The agent's own keys: where and when reports are written, how often rules run, logging, sites, and
 * the per-feature switches. Every area declares its own keys next to its feature.
 */
public final class CoreOptions {
    public static final String INSTRUMENT_PREFIX = "instrument.";

    public static final Option<String> CONFIG_FILE = Option.text("config", "none",
            "the path of a readable properties file", "more options, lowest precedence");
    public static final Option<String> REPORT_DIR = Option.text("report.dir", "`<java.io.tmpdir>/sre-agent`",
            "a directory the JVM's user can create and write", "where report files go (created `rwx------`)");
    public static final Option<Duration> REPORT_INTERVAL = Option.durationOrOff("report.interval", "5m",
            "periodic report files");
    public static final Option<List<String>> REPORT_FORMATS = Option.someOf("report.formats", "json,text",
            List.of("json", "text"), "json, text or both (json+text)", "formats of report files");
    public static final Option<Integer> REPORT_KEEP = Option.integer("report.keep", "20", 1, 10_000,
            "reports kept in `report.dir` per JVM and per trigger (all formats of one report count once); older ones are deleted");
    public static final Option<Boolean> REPORT_ON_SHUTDOWN = Option.onOff("report.shutdown", "on",
            "a final report at normal JVM shutdown");
    public static final Option<Boolean> TRIGGER_THRESHOLD = Option.onOff("trigger.threshold", "on",
            "a report at once when a new critical finding appears");
    public static final Option<Duration> TRIGGER_COOLDOWN = Option.duration("trigger.cooldown", "5m",
            "least time between two threshold reports");
    public static final Option<Duration> EVALUATE_INTERVAL = Option.duration("evaluate.interval", "10s", "100ms", "1h",
            "how often signals are sampled and rules evaluated");
    public static final Option<Duration> WINDOW = Option.duration("window", "2m", "10s", "1h",
            "recent window over which latency and error verdicts are judged (an area's own window option wins)");
    public static final Option<String> LOG_LEVEL = Option.oneOf("log.level", "info", List.of("error", "warn", "info", "debug"),
            "the agent's own log");
    public static final Option<List<String>> SITE_SKIP = Option.packages("site.skip",
            "comma-separated package prefixes such as com.acme.lib",
            "your library packages, never named as the responsible site");

    public static final Option<List<String>> SITE_INCLUDE = Option.packages("site.include",
            "comma-separated package prefixes such as org.acme.shop",
            "your application's packages, always named as the site, even under a library-like prefix (wins over every skip rule)");

    public static final List<Option<?>> ALL = List.of(CONFIG_FILE, REPORT_DIR, REPORT_INTERVAL, REPORT_FORMATS, REPORT_KEEP,
            REPORT_ON_SHUTDOWN, TRIGGER_THRESHOLD, TRIGGER_COOLDOWN, EVALUATE_INTERVAL, WINDOW, LOG_LEVEL, SITE_SKIP, SITE_INCLUDE);

    private CoreOptions() {
    }

    /** {@code instrument.<feature>} for each feature: on by default. */
    public static List<Option<?>> switches(Collection<String> features) {
        List<Option<?>> out = new ArrayList<>();
        for (String f : features) {
            out.add(Option.onOff(INSTRUMENT_PREFIX + f, "on", "turn the " + f + " feature on or off"));
        }
        return out;
    }
}
