package io.sreagent.feature.http;

import io.sreagent.core.Rule;
import io.sreagent.report.Finding;
import io.sreagent.report.Severity;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code slow-endpoint}: a route's p95 or p99 latency is above target, with where its time went
 * (database, external calls, own code) so the advice can point at the part that dominates.
 */
public final class SlowEndpointRule implements Rule {
    /** p99 this many times the target makes the finding critical: users are timing out. */
    static final int CRITICAL_FACTOR = 5;

    private final HttpReceiver telemetry;
    private final long p95LimitMicros;
    private final long p99LimitMicros;
    private final int minRequests;

    public SlowEndpointRule(HttpReceiver telemetry, long p95LimitMicros, long p99LimitMicros, int minRequests) {
        this.telemetry = telemetry;
        this.p95LimitMicros = p95LimitMicros;
        this.p99LimitMicros = p99LimitMicros;
        this.minRequests = minRequests;
    }

    @Override
    public void evaluate(long nowMillis, List<Finding> out) {
        for (EndpointStats e : telemetry.endpoints()) {
            long n = e.count();
            if (n < minRequests) {
                continue;
            }
            long[] p = e.percentilesMicros(50, 95, 99, 100);
            if (p[1] <= p95LimitMicros && p[2] <= p99LimitMicros) {
                continue;
            }
            EndpointStats.Breakdown b = e.breakdown();
            Map.Entry<String, Long> host = e.dominantHost();
            Map.Entry<String, Long> statement = e.dominantStatement();
            Severity severity = p[2] >= CRITICAL_FACTOR * p99LimitMicros ? Severity.CRITICAL : Severity.WARNING;
            Finding f = new Finding("slow-endpoint", severity, String.format(Locale.ROOT,
                    "%s %s is slow: p95 %d ms, p99 %d ms over %d requests; %s", e.method(), e.route(),
                    p[1] / 1000, p[2] / 1000, n, dominantText(b)))
                    .subject(e.method() + " " + e.route())
                    .evidence("method", e.method())
                    .evidence("route", e.route())
                    .evidence("requests", n)
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
            advise(f, b, host, statement);
            out.add(f);
        }
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
