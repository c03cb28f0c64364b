package io.sreagent.feature.http;

import io.sreagent.report.Format;
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
 * One route of one method: latency (microseconds), status classes, escaped exception types and where
 * the time went (database, outbound calls, the rest is the application's own code). Everything is a
 * running total since the route's first request; {@link #tick} keeps the increases per evaluation
 * interval so that verdicts read the recent window ({@link #recent}) at no cost to the request path.
 */
public final class EndpointStats {
    static final int EXCEPTION_TYPES = 8;
    static final int HOSTS = 8;
    static final int STATEMENTS = 8;
    static final int STATUS_SITES = 8;
    /** How a failing request's site was learned: the exception escaped the server, was caught and answered for, or the code set a 5xx itself. */
    public static final String ESCAPED = "escaped";
    public static final String HANDLED = "handled";
    public static final String STATUS_SET = "status-set";

    private final String server;
    private final String method;
    private final String route;
    private final long firstSeenMillis;
    private final LatencyRecorder micros = new LatencyRecorder();
    private final StatusClasses statusClasses = new StatusClasses("none");
    private final LongAdder async = new LongAdder();
    private final LongAdder totalNanos = new LongAdder();
    private final LongAdder dbNanos = new LongAdder();
    private final LongAdder dbCalls = new LongAdder();
    private final LongAdder httpNanos = new LongAdder();
    private final LongAdder httpCalls = new LongAdder();
    private final LongAdder redisNanos = new LongAdder();
    private final LongAdder redisCalls = new LongAdder();
    /** Escaped and handled exceptions by type; the example is the first {@link Cause} with a site. */
    private final Tally<String> exceptions = new Tally<>(EXCEPTION_TYPES);
    /** 5xx answers whose status the code set with no exception seen, by the site that set it (when sampled). */
    private final Tally<Site> statusSites = new Tally<>(STATUS_SITES);
    private final LongAdder statusSet = new LongAdder();
    private final Tally<String> hostNanos = new Tally<>(HOSTS);
    /** Per statement, the time of the longest execution of each request whose longest it was. */
    private final Tally<String> statementNanos = new Tally<>(STATEMENTS);
    /** Where the slow-request sampler saw this route's slow requests. */
    private final SlowRequestSites slowSites = new SlowRequestSites();
    /** Per interval: the six status classes, then total, db and external nanos, db and external calls, Redis nanos and calls. */
    private final CounterWindow recentCounters = new CounterWindow(StatusClasses.COUNT + 7);
    /** The last tick that fell inside the route's warm-up (0: none yet); written by the evaluation thread. */
    private volatile long lastWarmUpTickMillis;
    private volatile boolean warmingUp = true;

    /** @param server which server saw the route first (servlet, jdk-httpserver) */
    public EndpointStats(String server, String method, String route, long firstSeenMillis) {
        this.server = server;
        this.method = method;
        this.route = route;
        this.firstSeenMillis = firstSeenMillis;
    }

    /**
     * A finished request. {@code topStatement} is the statement of its longest execution, which took
     * {@code topStatementNanos}; {@code exceptionSite} is the application frame that threw, when known.
     */
    public void record(int status, long nanos, long db, long dbCount, long http, long httpCount,
                       String topHost, String topStatement, long topStatementNanos,
                       String exceptionType, Site exceptionSite) {
        micros.record(nanos / 1000);
        statusClasses.record(status);
        totalNanos.add(nanos);
        dbNanos.add(Math.min(db, nanos));
        dbCalls.add(dbCount);
        httpNanos.add(Math.min(http, nanos));
        httpCalls.add(httpCount);
        if (topHost != null) {
            hostNanos.add(topHost, Math.min(http, nanos));
        }
        if (topStatement != null) {
            statementNanos.add(topStatement, Math.min(topStatementNanos, nanos));
        }
        if (exceptionType != null) {
            exceptions.add(exceptionType, 1, exceptionSite == null ? null : new Cause(exceptionSite, ESCAPED));
        }
    }

    /** A 5xx answer for an exception the application or its framework caught (did not escape). */
    public void recordHandled(String exceptionType, Site throwSite) {
        exceptions.add(exceptionType, 1, throwSite == null ? null : new Cause(throwSite, HANDLED));
    }

    /** A 5xx answer whose status the code set with no exception seen; {@code site} null when not sampled. */
    public void recordStatusSet(Site site) {
        statusSet.increment();
        if (site != null) {
            statusSites.add(site, 1);
        }
    }

    /** Where a failure came from and how that was learned ({@link #ESCAPED}, {@link #HANDLED}, {@link #STATUS_SET}). */
    public record Cause(Site site, String from) {
    }

    /** The Redis share of a finished request of {@code nanos} (recorded with {@link #record}). */
    public void recordRedis(long redis, long calls, long nanos) {
        if (calls > 0) {
            redisNanos.add(Math.min(redis, nanos));
            redisCalls.add(calls);
        }
    }

    /** Where the sampler saw the route's slow requests (see {@link SlowRequestSampler}). */
    SlowRequestSites slowSites() {
        return slowSites;
    }

    /** The handler went asynchronous: the response is finished elsewhere, so it is not timed. */
    public void recordAsync() {
        async.increment();
    }

    public String method() {
        return method;
    }

    public String route() {
        return route;
    }

    /** Timed requests. */
    public long count() {
        return micros.count();
    }

    public long serverErrors() {
        return statusClasses.get(5);
    }

    /**
     * Closes the interval since the previous tick, keeping {@code keepMillis} of them. A tick less than
     * {@code warmUpMillis} after the route's first request marks everything up to it as warm-up.
     */
    public void tick(long nowMillis, long keepMillis, long warmUpMillis) {
        micros.tick(nowMillis, keepMillis);
        long[] s = statusClasses.totals();
        recentCounters.tick(nowMillis, keepMillis, s[0], s[1], s[2], s[3], s[4], s[5], totalNanos.sum(), dbNanos.sum(),
                httpNanos.sum(), dbCalls.sum(), httpCalls.sum(), redisNanos.sum(), redisCalls.sum());
        warmingUp = nowMillis - firstSeenMillis < warmUpMillis;
        if (warmingUp) {
            lastWarmUpTickMillis = nowMillis;
        }
    }

    /** The route's figures over the last {@code windowMillis} (up to the last tick). */
    public Recent recent(long nowMillis, long windowMillis) {
        Histogram all = micros.window(nowMillis, windowMillis);
        long warmUpEnd = lastWarmUpTickMillis;
        boolean warmUpInWindow = warmUpEnd > 0 && warmUpEnd > nowMillis - windowMillis;
        Histogram settled = warmUpInWindow ? micros.window(nowMillis, nowMillis - warmUpEnd) : all;
        long[] c = recentCounters.sum(nowMillis, windowMillis);
        long[] status = Arrays.copyOf(c, StatusClasses.COUNT);
        int i = StatusClasses.COUNT;
        long requests = 0;
        for (long n : status) {
            requests += n;
        }
        Breakdown b = new Breakdown(c[i], c[i + 1], c[i + 2], c[i + 3], c[i + 4], requests, c[i + 5], c[i + 6]);
        return new Recent(windowMillis, all, settled, status, requests, b, warmingUp);
    }

    /**
     * A route's window: {@code latency} holds every request in it, {@code settled} only those after the
     * route's warm-up; {@code warmingUp}: the last tick was still inside it.
     */
    public record Recent(long windowMillis, Histogram latency, Histogram settled, long[] status, long requests,
                         Breakdown breakdown, boolean warmingUp) {
        public long serverErrors() {
            return status[5];
        }

        public long seconds() {
            return windowMillis / 1000;
        }
    }

    static long[] percentiles(Histogram h, double... percentiles) {
        long[] out = new long[percentiles.length];
        for (int i = 0; i < percentiles.length; i++) {
            out[i] = h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentiles[i]);
        }
        return out;
    }

    public long[] percentilesMicros(double... percentiles) {
        return micros.percentiles(percentiles);
    }

    /** Escaped and handled exception types; {@code example(type)} is a {@link Cause}. */
    public Tally<String> exceptions() {
        return exceptions;
    }

    /** The sampled sites that set a 5xx status with no exception seen. */
    public Tally<Site> statusSites() {
        return statusSites;
    }

    /** 5xx answers whose status the code set with no exception seen. */
    public long statusSetCount() {
        return statusSet.sum();
    }

    /** Database, external, Redis and own-code shares of the summed request time, in percent. */
    public Breakdown breakdown() {
        long total = totalNanos.sum();
        long db = dbNanos.sum();
        long http = httpNanos.sum();
        return new Breakdown(total, db, http, dbCalls.sum(), httpCalls.sum(), count(), redisNanos.sum(), redisCalls.sum());
    }

    /** The outbound host this route waited on longest in total, or null. */
    public Map.Entry<String, Long> dominantHost() {
        var top = hostNanos.top(1);
        return top.isEmpty() ? null : top.get(0);
    }

    /** The statement whose executions held this route's requests longest in total, or null. */
    public Map.Entry<String, Long> dominantStatement() {
        var top = statementNanos.top(1);
        return top.isEmpty() ? null : top.get(0);
    }

    public double ratePerSecond(long nowMillis) {
        long seconds = Math.max(1, (nowMillis - firstSeenMillis) / 1000);
        return (double) count() / seconds;
    }

    /** Since-start totals under the historical keys, and the recent window under {@code window}. */
    public Map<String, Object> toMap(long nowMillis, long windowMillis) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", method);
        m.put("route", route);
        m.put("server", server);
        m.put("requests", count());
        m.put("ratePerSecond", Format.oneDecimal(ratePerSecond(nowMillis)));
        m.put("latency", micros.summary("Micros"));
        m.put("status", statusClasses.toMap(statusClasses.totals()));
        m.put("errorRatePercent", count() == 0 ? 0.0 : Format.oneDecimal(100.0 * serverErrors() / count()));
        if (async.sum() > 0) {
            m.put("asyncNotTimed", async.sum());
        }
        m.put("breakdown", breakdown().toMap());
        if (!hostNanos.isEmpty()) {
            m.put("externalMsByHost", toMillis(hostNanos.asMap(HOSTS)));
        }
        if (!statementNanos.isEmpty()) {
            m.put("longestStatementMs", toMillis(statementNanos.asMap(STATEMENTS)));
        }
        if (!exceptions.isEmpty()) {
            m.put("exceptions", exceptions.asMap(EXCEPTION_TYPES));
            m.put("exceptionsDropped", exceptions.dropped());
        }
        if (statusSet.sum() > 0) {
            m.put("statusSet", statusSet.sum());
            m.put("statusSetSites", statusSites.asMap(STATUS_SITES));
        }
        Recent r = recent(nowMillis, windowMillis);
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("seconds", r.seconds());
        w.put("requests", r.requests());
        w.put("latency", LatencyRecorder.summary(r.latency(), "Micros"));
        w.put("status", statusClasses.toMap(r.status()));
        w.put("errorRatePercent", r.requests() == 0 ? 0.0 : Format.oneDecimal(100.0 * r.serverErrors() / r.requests()));
        w.put("breakdown", r.breakdown().toMap());
        w.put("warmingUp", r.warmingUp());
        m.put("window", w);
        return m;
    }

    private static Map<String, Long> toMillis(Map<String, Long> nanos) {
        Map<String, Long> m = new LinkedHashMap<>();
        nanos.forEach((k, v) -> m.put(k, v / 1_000_000));
        return m;
    }

    /** Where a route's time went. Shares are of the summed request time; "own" is what is left. */
    public record Breakdown(long totalNanos, long dbNanos, long externalNanos, long dbCalls, long externalCalls,
                            long requests, long redisNanos, long redisCalls) {
        public Breakdown(long totalNanos, long dbNanos, long externalNanos, long dbCalls, long externalCalls, long requests) {
            this(totalNanos, dbNanos, externalNanos, dbCalls, externalCalls, requests, 0, 0);
        }

        public double dbPercent() {
            return totalNanos == 0 ? 0 : Format.oneDecimal(100.0 * dbNanos / totalNanos);
        }

        public double externalPercent() {
            return totalNanos == 0 ? 0 : Format.oneDecimal(100.0 * externalNanos / totalNanos);
        }

        public double redisPercent() {
            return totalNanos == 0 ? 0 : Format.oneDecimal(100.0 * redisNanos / totalNanos);
        }

        public double ownPercent() {
            return totalNanos == 0 ? 0 : Format.oneDecimal(Math.max(0, 100.0 - 100.0 * (dbNanos + externalNanos + redisNanos) / totalNanos));
        }

        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("dbPercent", dbPercent());
            m.put("externalPercent", externalPercent());
            m.put("redisPercent", redisPercent());
            m.put("ownPercent", ownPercent());
            m.put("dbCallsPerRequest", requests == 0 ? 0.0 : Format.oneDecimal((double) dbCalls / requests));
            m.put("externalCallsPerRequest", requests == 0 ? 0.0 : Format.oneDecimal((double) externalCalls / requests));
            m.put("redisCallsPerRequest", requests == 0 ? 0.0 : Format.oneDecimal((double) redisCalls / requests));
            return m;
        }
    }
}
