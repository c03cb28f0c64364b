package io.sreagent.feature.http;

import io.sreagent.core.Rule;
import io.sreagent.report.Finding;
import io.sreagent.report.Format;
import io.sreagent.report.Severity;
import io.sreagent.report.Site;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** {@code external-rate-limited}: a host answered 429 Too Many Requests. */
public final class ExternalRateLimitedRule implements Rule {
    private final HttpReceiver telemetry;
    private final int minCalls;
    private final long windowMillis;

    public ExternalRateLimitedRule(HttpReceiver telemetry, int minCalls, long windowMillis) {
        this.telemetry = telemetry;
        this.minCalls = minCalls;
        this.windowMillis = windowMillis;
    }

    @Override
    public void evaluate(long nowMillis, List<Finding> out) {
        for (ExternalStats e : telemetry.externals()) {
            ExternalStats.Recent r = e.recent(nowMillis, windowMillis);
            long limited = r.tooManyRequests();
            if (limited == 0 || r.calls() < minCalls) {
                continue;
            }
            double percent = 100.0 * limited / r.calls();
            Finding f = new Finding("external-rate-limited", Severity.WARNING, String.format(Locale.ROOT,
                    "%s rate-limited %d of %d calls %s in the last %s (429 Too Many Requests, %.1f%%)",
                    e.host(), limited, r.calls(), e.method(), Format.duration(Duration.ofMillis(windowMillis)), percent))
                    .subject(e.client() + " " + e.method() + " " + e.host())
                    .window(Duration.ofMillis(windowMillis))
                    .evidence("windowSeconds", windowMillis / 1000)
                    .evidence("method", e.method())
                    .evidence("host", e.host())
                    .evidence("client", e.client())
                    .evidence("calls", r.calls())
                    .evidence("status429", limited)
                    .evidence("rateLimitedPercent", Math.round(percent * 10) / 10.0);
            Site site = e.topSiteRateLimited();
            if (site != null) {
                f.site(site);
            }
            f.advice("Honour Retry-After and retry with exponential backoff and jitter, at most a few times; "
                    + "never retry 429s in a tight loop.");
            f.advice("Throttle on the client side to stay under " + e.host() + "'s quota, and cache or batch "
                    + "requests so fewer calls are needed.");
            f.advice("If the traffic is legitimate, ask the provider for a higher quota.");
            out.add(f);
        }
    }
}
