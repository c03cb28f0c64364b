package io.sreagent.feature.http;

import io.sreagent.report.Site;
import io.sreagent.support.CounterWindow;
import io.sreagent.support.LatencyRecorder;
import io.sreagent.support.Tally;
import org.HdrHistogram.Histogram;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Outbound calls to one host with one method: latency (microseconds), status classes, 429s,
 * time-outs and other I/O errors, calls made without time-outs, and sampled call sites. Running totals
 * since the first call; {@link #tick} keeps per-interval increases for the recent window ({@link #recent}).
 */
public final class ExternalStats {
    static final int SITES = 5;
    static final int ERROR_TYPES = 8;

    private final String method;
    private final String host;
    private final String client;
    private final LatencyRecorder micros = new LatencyRecorder();
    private final StatusClasses statusClasses = new StatusClasses("noResponse");
    private final LongAdder tooManyRequests = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder ioErrors = new LongAdder();
    private final LongAdder withoutConnectTimeout = new LongAdder();
    private final LongAdder withoutReadTimeout = new LongAdder();
    private final LongAdder async = new LongAdder();
    private final Tally<String> errorTypes = new Tally<>(ERROR_TYPES);
    private final Tally<Site> sites = new Tally<>(SITES);
    private final Tally<Site> sitesWithoutTimeout = new Tally<>(SITES);
    private final Tally<Site> sitesRateLimited = new Tally<>(SITES);
    private final Tally<Site> sitesFailed = new Tally<>(SITES);
    /** Sites of the calls that took {@code slowNanos} or longer. */
    private final Tally<Site> sitesSlow = new Tally<>(SITES);
    private final long slowNanos;
    /** Per interval: the six status classes, then 429s, time-outs, other I/O errors. */
    private final CounterWindow recentCounters = new CounterWindow(StatusClasses.COUNT + 3);

    /** @param slowNanos a call this long is slow (its site is kept apart) */
    public ExternalStats(String method, String host, String client, long slowNanos) {
        this.slowNanos = slowNanos;
        this.method = method;
        this.host = host;
        this.client = client;
    }

    /**
     * @param status  the response status, -1 when none arrived
     * @param failure the exception type name when the call failed without a response, else null
     * @param timeout whether that failure was a time-out
     * @param site    the application frame that made the call, when sampled
     */
    public void record(int status, long nanos, String failure, boolean timeout, boolean connectTimeoutSet,
                       boolean readTimeoutSet, boolean isAsync, Site site) {
        micros.record(nanos / 1000);
        statusClasses.record(status);
        if (status == 429) {
            tooManyRequests.increment();
        }
        if (failure != null) {
            (timeout ? timeouts : ioErrors).increment();
            errorTypes.add(failure, 1, site);
        }
        if (!connectTimeoutSet) {
            withoutConnectTimeout.increment();
        }
        if (!readTimeoutSet) {
            withoutReadTimeout.increment();
        }
        if (isAsync) {
            async.increment();
        }
        if (site != null) {
            sites.add(site, 1);
            if (!connectTimeoutSet || !readTimeoutSet) {
                sitesWithoutTimeout.add(site, 1);
            }
            if (status == 429) {
                sitesRateLimited.add(site, 1);
            }
            if (failure != null || status >= 500) {
                sitesFailed.add(site, 1);
            }
            if (nanos >= slowNanos) {
                sitesSlow.add(site, 1);
            }
        }
    }

    public String method() {
        return method;
    }

    public String host() {
        return host;
    }

    public String client() {
        return client;
    }

    public long count() {
        return micros.count();
    }

    public long[] percentilesMicros(double... percentiles) {
        return micros.percentiles(percentiles);
    }

    public long tooManyRequests() {
        return tooManyRequests.sum();
    }

    public long serverErrors() {
        return statusClasses.get(5);
    }

    /** Closes the interval since the previous tick, keeping {@code keepMillis} of them. */
    public void tick(long nowMillis, long keepMillis) {
        micros.tick(nowMillis, keepMillis);
        long[] s = statusClasses.totals();
        recentCounters.tick(nowMillis, keepMillis, s[0], s[1], s[2], s[3], s[4], s[5], tooManyRequests.sum(),
                timeouts.sum(), ioErrors.sum());
    }

    /** The host's calls over the last {@code windowMillis} (up to the last tick). */
    public Recent recent(long nowMillis, long windowMillis) {
        long[] c = recentCounters.sum(nowMillis, windowMillis);
        int i = StatusClasses.COUNT;
        long[] status = Arrays.copyOf(c, i);
        return new Recent(windowMillis, micros.window(nowMillis, windowMillis), status, Arrays.stream(status).sum(),
                c[i], c[i + 1], c[i + 2]);
    }

    /** A host's window: latency, status classes, and the failures counted apart. */
    public record Recent(long windowMillis, Histogram latency, long[] status, long calls, long tooManyRequests,
                         long timeouts, long ioErrors) {
        public long serverErrors() {
            return status[5];
        }
    }

    public long timeouts() {
        return timeouts.sum();
    }

    public long ioErrors() {
        return ioErrors.sum();
    }

    public long withoutConnectTimeout() {
        return withoutConnectTimeout.sum();
    }

    public long withoutReadTimeout() {
        return withoutReadTimeout.sum();
    }

    public Tally<String> errorTypes() {
        return errorTypes;
    }

    /** The call site seen most often, or null when none was sampled. */
    public Site topSite() {
        return top(sites);
    }

    /** The most frequent site of slow calls, else of any call, or null. */
    public Site topSiteSlow() {
        Site s = top(sitesSlow);
        return s != null ? s : topSite();
    }

    /** Slow calls' sites by count, as reports show them. */
    public Map<String, Long> slowSites() {
        return sitesSlow.asMap(SITES);
    }

    /** The most frequent site of calls made without a time-out, or null. */
    public Site topSiteWithoutTimeout() {
        return top(sitesWithoutTimeout);
    }

    /** The most frequent site of calls answered 429, else of any call, or null. */
    public Site topSiteRateLimited() {
        Site s = top(sitesRateLimited);
        return s != null ? s : topSite();
    }

    /** The most frequent site of failed calls (5xx, time-outs, I/O errors), else of any call, or null. */
    public Site topSiteFailed() {
        Site s = top(sitesFailed);
        return s != null ? s : topSite();
    }

    private static Site top(Tally<Site> tally) {
        return tally.topKey();
    }

    /** Since-start totals under the historical keys, and the recent window under {@code window}. */
    public Map<String, Object> toMap(long nowMillis, long windowMillis) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", method);
        m.put("host", host);
        m.put("client", client);
        m.put("calls", count());
        m.put("latency", micros.summary("Micros"));
        m.put("status", statusClasses.toMap(statusClasses.totals()));
        m.put("status429", tooManyRequests());
        m.put("timeouts", timeouts());
        m.put("ioErrors", ioErrors());
        m.put("withoutConnectTimeout", withoutConnectTimeout());
        m.put("withoutReadTimeout", withoutReadTimeout());
        m.put("async", async.sum());
        if (!errorTypes.isEmpty()) {
            m.put("errorTypes", errorTypes.asMap(ERROR_TYPES));
        }
        if (!sites.isEmpty()) {
            m.put("sites", sites.asMap(SITES));
        }
        Recent r = recent(nowMillis, windowMillis);
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("seconds", windowMillis / 1000);
        w.put("calls", r.calls());
        w.put("latency", LatencyRecorder.summary(r.latency(), "Micros"));
        w.put("status", statusClasses.toMap(r.status()));
        w.put("status429", r.tooManyRequests());
        w.put("timeouts", r.timeouts());
        w.put("ioErrors", r.ioErrors());
        m.put("window", w);
        return m;
    }
}
