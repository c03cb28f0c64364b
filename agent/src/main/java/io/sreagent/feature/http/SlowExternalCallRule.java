package io.sreagent.feature.http;

import io.sreagent.core.Rule;
import io.sreagent.report.Finding;
import io.sreagent.report.Format;
import io.sreagent.report.Severity;
import io.sreagent.report.Site;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** {@code slow-external-call}: over the recent window, calls to one host have a p95 latency above target. */
public final class SlowExternalCallRule implements Rule {
    private final HttpReceiver telemetry;
    private final long p95LimitMicros;
    private final int minCalls;
    private final long windowMillis;

    public SlowExternalCallRule(HttpReceiver telemetry, long p95LimitMicros, int minCalls, long windowMillis) {
        this.telemetry = telemetry;
        this.p95LimitMicros = p95LimitMicros;
        this.minCalls = minCalls;
        this.windowMillis = windowMillis;
    }

    @Override
    public void evaluate(long nowMillis, List<Finding> out) {
        for (ExternalStats e : telemetry.externals()) {
            ExternalStats.Recent r = e.recent(nowMillis, windowMillis);
            if (r.latency().getTotalCount() < minCalls) {
                continue;
            }
            long calls = r.latency().getTotalCount();
            long[] p = EndpointStats.percentiles(r.latency(), 50, 95, 99, 100);
            if (p[1] <= p95LimitMicros) {
                continue;
            }
            Finding f = new Finding("slow-external-call", Severity.WARNING, String.format(Locale.ROOT,
                    "calls %s %s are slow: p95 %d ms, p99 %d ms over %d calls in the last %s", e.method(), e.host(),
                    p[1] / 1000, p[2] / 1000, calls, Format.duration(Duration.ofMillis(windowMillis))))
                    .subject(e.client() + " " + e.method() + " " + e.host())
                    .window(Duration.ofMillis(windowMillis))
                    .evidence("windowSeconds", windowMillis / 1000)
                    .evidence("method", e.method())
                    .evidence("host", e.host())
                    .evidence("client", e.client())
                    .evidence("calls", calls)
                    .evidence("p50Ms", SlowEndpointRule.ms(p[0]))
                    .evidence("p95Ms", SlowEndpointRule.ms(p[1]))
                    .evidence("p99Ms", SlowEndpointRule.ms(p[2]))
                    .evidence("maxMs", SlowEndpointRule.ms(p[3]))
                    .evidence("p95LimitMs", p95LimitMicros / 1000)
                    .evidence("timeouts", r.timeouts());
            Site site = e.topSiteSlow();
            if (site != null) {
                f.site(site);
                f.evidence("slowCallSites", e.slowSites());
            }
            f.advice("Cache " + e.host() + "'s responses where they can be reused (even for seconds), and call it "
                    + "in parallel or asynchronously rather than one call after another inside a request.");
            f.advice("Bound every call with a connect time-out of about 1-2 s and a request time-out of at most 5 s, "
                    + "and add a circuit breaker with a fallback so its slowness does not become yours.");
            f.advice("Ask the owners of " + e.host() + " for their latency objective; if the work is long, "
                    + "answer 202 Accepted and finish it asynchronously.");
            out.add(f);
        }
    }
}
