package io.sreagent.feature.redis;

import io.sreagent.report.Site;
import io.sreagent.support.CounterWindow;
import io.sreagent.support.LatencyRecorder;
import io.sreagent.support.Tally;
import org.HdrHistogram.Histogram;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * The calls of one command of one client: latency (microseconds), failures (time-outs apart), their
 * types, and sampled call sites; since start, and over the recent window once {@link #tick}ed.
 */
final class CommandStats {
    static final int SITES = 5;
    static final int ERROR_TYPES = 8;
    /** Commands whose cost grows with the size of the key or of the whole keyspace (O(N) on the server). */
    static final Set<String> LINEAR = Set.of("KEYS", "SMEMBERS", "HGETALL", "HKEYS", "HVALS", "SORT",
            "SUNION", "SINTER", "SDIFF", "SUNIONSTORE", "SINTERSTORE", "SDIFFSTORE", "ZUNIONSTORE", "ZINTERSTORE",
            "FLUSHALL", "FLUSHDB");

    private final String client;
    private final String command;
    private final boolean linear;
    private final LatencyRecorder micros = new LatencyRecorder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final CounterWindow failureWindow = new CounterWindow(2);
    private final Tally<String> errorTypes = new Tally<>(ERROR_TYPES);
    private final Tally<Site> sites = new Tally<>(SITES);
    private final Tally<Site> slowSites = new Tally<>(SITES);
    private final Tally<Site> failedSites = new Tally<>(SITES);
    /** Calls seen per kind, for sampling sites; racy on purpose: a lost increment only shifts the sample. */
    private int okSeen;
    private int slowSeen;
    private int failedSeen;

    CommandStats(String client, String command) {
        this.client = client;
        this.command = command;
        this.linear = LINEAR.contains(command);
    }

    /** Whether this call's site should be looked up: the first ones of each kind, then a thinning sample. */
    boolean wantsSite(boolean slow, boolean failed) {
        if (failed) {
            return sampled(failedSeen++, 15);
        }
        if (slow) {
            return sampled(slowSeen++, 15);
        }
        return sampled(okSeen++, 1023);
    }

    private static boolean sampled(int seen, int mask) {
        return seen < 16 || (seen & mask) == 0;
    }

    /** @param errorType the failure's type as reports show it, null when the call succeeded */
    void record(long nanos, String errorType, boolean timeout, boolean slow, Site site) {
        micros.record(nanos / 1000);
        if (errorType != null) {
            failures.increment();
            if (timeout) {
                timeouts.increment();
            }
            errorTypes.add(errorType, 1);
        }
        if (site != null) {
            sites.add(site, 1);
            if (slow) {
                slowSites.add(site, 1);
            }
            if (errorType != null) {
                failedSites.add(site, 1);
            }
        }
    }

    void tick(long nowMillis, long keepMillis) {
        micros.tick(nowMillis, keepMillis);
        failureWindow.tick(nowMillis, keepMillis, failures.sum(), timeouts.sum());
    }

    String client() {
        return client;
    }

    String command() {
        return command;
    }

    /** Known to be O(N) on the server. */
    boolean linear() {
        return linear;
    }

    long calls() {
        return micros.count();
    }

    long failures() {
        return failures.sum();
    }

    Tally<String> errorTypes() {
        return errorTypes;
    }

    /** The recent window: calls, latency and failures over the intervals that ended in the last {@code windowMillis}. */
    Window window(long nowMillis, long windowMillis) {
        long calls = micros.windowCount(nowMillis, windowMillis);
        Histogram h = calls == 0 ? null : micros.window(nowMillis, windowMillis);
        long[] f = failureWindow.sum(nowMillis, windowMillis);
        return new Window(calls, h, f[0], f[1]);
    }

    /** The call site seen most often among slow calls, else among all, or null. */
    Site topSlowSite() {
        Site s = slowSites.topKey();
        return s != null ? s : sites.topKey();
    }

    Site topFailedSite() {
        Site s = failedSites.topKey();
        return s != null ? s : sites.topKey();
    }

    Site topSite() {
        return sites.topKey();
    }

    Map<String, Object> toMap(long nowMillis, long windowMillis) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("client", client);
        m.put("command", command);
        m.put("calls", calls());
        m.put("latency", micros.summary("Micros"));
        m.put("failures", failures());
        m.put("timeouts", timeouts.sum());
        if (linear) {
            m.put("linear", true);
        }
        Window w = window(nowMillis, windowMillis);
        Map<String, Object> recent = new LinkedHashMap<>();
        recent.put("windowMs", windowMillis);
        recent.put("calls", w.calls());
        if (w.histogram() != null) {
            recent.putAll(LatencyRecorder.summary(w.histogram(), "Micros"));
            recent.remove("count");
        }
        recent.put("failures", w.failures());
        recent.put("timeouts", w.timeouts());
        m.put("window", recent);
        if (!errorTypes.isEmpty()) {
            m.put("errorTypes", errorTypes.asMap(ERROR_TYPES));
        }
        if (!sites.isEmpty()) {
            m.put("sites", sites.asMap(SITES));
        }
        return m;
    }

    /** The recent figures of one command; {@code histogram} is null when it had no calls. */
    record Window(long calls, Histogram histogram, long failures, long timeouts) {
        long percentileMicros(double p) {
            return histogram == null ? 0 : histogram.getValueAtPercentile(p);
        }

        long maxMicros() {
            return histogram == null ? 0 : histogram.getMaxValue();
        }
    }
}
