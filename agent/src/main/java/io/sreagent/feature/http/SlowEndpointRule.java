package io.sreagent.feature.http;

import io.sreagent.core.Rule;
import io.sreagent.report.Finding;
import io.sreagent.report.Format;
import io.sreagent.report.Severity;
import io.sreagent.report.Site;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code slow-endpoint}: over the recent window, a route's p95 or p99 latency is above target, or its
 * median is, with where its time went (database, external calls, own code) so the advice can point at
 * the part that dominates.
 *
 * <p>Two verdicts. The tail (p95, p99) needs {@code minRequests} and reads only requests after the
 * route's warm-up: cold first requests (JIT, lazy caches, first connections) are exactly a tail, and
 * judging them raised false alarms on healthy services just started. The median needs no warm-up: when
 * most requests of a route are slow it is not a cold start, so it is judged over the whole window, over
 * {@code minRequests} against the p95 target and over as few as {@link #MEDIAN_MIN_REQUESTS} against
 * the p99 target (a handful of requests all taking seconds is not noise).
 */
public final class SlowEndpointRule implements Rule {
    /** p99 this many times the target makes the finding critical: users are timing out. */
    static final int CRITICAL_FACTOR = 5;
    /** Requests whose median over the p99 target flags a route that is too quiet for tail percentiles. */
    static final int MEDIAN_MIN_REQUESTS = 5;
    static final int SITES_SHOWN = 5;

    private final HttpReceiver telemetry;
    private final long p95LimitMicros;
    private final long p99LimitMicros;
    private final int minRequests;
    private final long windowMillis;

    public SlowEndpointRule(HttpReceiver telemetry, long p95LimitMicros, long p99LimitMicros, int minRequests,
                            long windowMillis) {
        this.telemetry = telemetry;
        this.p95LimitMicros = p95LimitMicros;
        this.p99LimitMicros = p99LimitMicros;
        this.minRequests = minRequests;
        this.windowMillis = windowMillis;
    }

    @Override
    public void evaluate(long nowMillis, List<Finding> out) {
        for (EndpointStats e : telemetry.endpoints()) {
            EndpointStats.Recent r = e.recent(nowMillis, windowMillis);
            Histogram settled = r.settled();
            long[] tail = EndpointStats.percentiles(settled, 50, 95, 99, 100);
            long[] whole = EndpointStats.percentiles(r.latency(), 50, 95, 99, 100);
            long all = r.latency().getTotalCount();
            long[] p;
            long n;
            String judged;
            if (settled.getTotalCount() >= minRequests && (tail[1] > p95LimitMicros || tail[2] > p99LimitMicros)) {
                p = tail;
                n = settled.getTotalCount();
                judged = "tail";
            } else if ((all >= minRequests && whole[0] > p95LimitMicros)
                    || (all >= MEDIAN_MIN_REQUESTS && whole[0] > p99LimitMicros)) {
                p = whole;
                n = all;
                judged = "median";
            } else {
                continue;
            }
            EndpointStats.Breakdown b = r.breakdown();
            Map.Entry<String, Long> host = e.dominantHost();
            Map.Entry<String, Long> statement = e.dominantStatement();
            Severity severity = p[2] >= CRITICAL_FACTOR * p99LimitMicros ? Severity.CRITICAL : Severity.WARNING;
            Finding f = new Finding("slow-endpoint", severity, String.format(Locale.ROOT,
                    "%s %s is slow: p50 %d ms, p95 %d ms, p99 %d ms over %d requests in the last %s; %s",
                    e.method(), e.route(), p[0] / 1000, p[1] / 1000, p[2] / 1000, n, Format.duration(Duration.ofMillis(windowMillis)),
                    dominantText(b)))
                    .subject(e.method() + " " + e.route())
                    .window(Duration.ofMillis(windowMillis))
                    .evidence("method", e.method())
                    .evidence("route", e.route())
                    .evidence("requests", n)
                    .evidence("windowSeconds", windowMillis / 1000)
                    .evidence("judged", judged)
                    .evidence("warmUpRequestsLeftOut", all - settled.getTotalCount())
                    .evidence("p50Ms", ms(p[0]))
                    .evidence("p95Ms", ms(p[1]))
                    .evidence("p99Ms", ms(p[2]))
                    .evidence("maxMs", ms(p[3]))
                    .evidence("p95LimitMs", p95LimitMicros / 1000)
                    .evidence("p99LimitMs", p99LimitMicros / 1000)
                    .evidence("dbPercent", b.dbPercent())
                    .evidence("externalPercent", b.externalPercent())
                    .evidence("redisPercent", b.redisPercent())
                    .evidence("ownPercent", b.ownPercent())
                    .evidence("breakdown", b.toMap());
            if (host != null) {
                f.evidence("dominantHost", host.getKey());
            }
            if (statement != null) {
                f.evidence("dominantStatement", statement.getKey());
            }
            Site slowSite = attributeSlowTime(f, e.slowSites(), nowMillis - windowMillis);
            advise(f, b, host, statement);
            if (slowSite != null) {
                f.advice("The slow requests were caught most often at " + slowSite
                        + " (see slowRequestSites and the stack): that line is where their time goes.");
            }
            out.add(f);
        }
    }

    /**
     * The site where the window's slow requests were sampled most (the sampler's samples, one per tenth
     * of a second a request ran past the slow threshold), with its stack; null when none was sampled.
     */
    private static Site attributeSlowTime(Finding f, SlowRequestSites sites, long fromMillis) {
        Map<Site, Long> bySite = sites.since(fromMillis);
        if (bySite.isEmpty()) {
            return null;
        }
        Site top = bySite.keySet().iterator().next();
        Map<String, Long> shown = new LinkedHashMap<>();
        long samples = 0;
        for (Map.Entry<Site, Long> e : bySite.entrySet()) {
            samples += e.getValue();
            if (shown.size() < SITES_SHOWN) {
                shown.put(e.getKey().toString(), e.getValue());
            }
        }
        f.site(top);
        List<String> stack = sites.stackOf(top);
        if (stack != null) {
            f.stack(stack);
        }
        f.evidence("slowRequestSamples", samples);
        f.evidence("slowRequestSiteSharePercent", Format.oneDecimal(100.0 * bySite.get(top) / samples));
        f.evidence("slowRequestSites", shown);
        return top;
    }

    private static String dominantText(EndpointStats.Breakdown b) {
        if (b.dbPercent() >= b.externalPercent() && b.dbPercent() >= b.ownPercent()) {
            return b.dbPercent() + "% of the time in the database";
        }
        if (b.externalPercent() >= b.ownPercent()) {
            return b.externalPercent() + "% of the time waiting on external calls";
        }
        return b.ownPercent() + "% of the time in the application's own code";
    }

    private static void advise(Finding f, EndpointStats.Breakdown b, Map.Entry<String, Long> host,
                               Map.Entry<String, Long> statement) {
        if (b.dbPercent() >= 50) {
            f.advice(String.format(Locale.ROOT,
                    "The database takes %.0f%% of this route's time (%.1f statements per request)%s: see the slow-query findings, "
                            + "add the missing index, fetch only the rows and columns needed, batch N+1 loops into one query.",
                    b.dbPercent(), (double) b.dbCalls() / Math.max(1, b.requests()),
                    statement == null ? "" : ", most of it in " + statement.getKey()));
        }
        if (b.externalPercent() >= 50) {
            f.advice(String.format(Locale.ROOT,
                    "Calls to %s take %.0f%% of this route's time: cache their responses, make independent calls in parallel, "
                            + "and bound them with a time-out of at most 5 s and a circuit breaker so a slow dependency cannot hold requests.",
                    host == null ? "external services" : host.getKey(), b.externalPercent()));
        }
        if (b.ownPercent() >= 50) {
            f.advice(String.format(Locale.ROOT,
                    "The application's own code takes %.0f%% of the time: profile this route (hot-method findings, "
                            + "async-profiler or JFR) and look for lock waits, large serialisation and work in loops.",
                    b.ownPercent()));
        }
        f.advice("If the work is inherently long, answer 202 Accepted at once and finish it asynchronously "
                + "(queue plus a status endpoint) instead of holding the caller's connection.");
    }

    static double ms(long micros) {
        return Math.round(micros / 100.0) / 10.0;
    }
}
