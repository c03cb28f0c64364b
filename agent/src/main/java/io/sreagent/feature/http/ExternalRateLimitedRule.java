package io.sreagent.feature.http;

import io.sreagent.core.Rule;
import io.sreagent.report.Finding;
import io.sreagent.report.Severity;
import io.sreagent.report.Site;

import java.util.List;
import java.util.Locale;

/** {@code external-rate-limited}: a host answered 429 Too Many Requests. */
public final class ExternalRateLimitedRule implements Rule {
    private final HttpReceiver telemetry;
    private final int minCalls;

    public ExternalRateLimitedRule(HttpReceiver telemetry, int minCalls) {
        this.telemetry = telemetry;
        this.minCalls = minCalls;
    }

    @Override
    public void evaluate(long nowMillis, List<Finding> out) {
        for (ExternalStats e : telemetry.externals()) {
            long limited = e.tooManyRequests();
            if (limited == 0 || e.count() < minCalls) {
                continue;
            }
            double percent = 100.0 * limited / e.count();
            Finding f = new Finding("external-rate-limited", Severity.WARNING, String.format(Locale.ROOT,
                    "%s rate-limited %d of %d calls %s (429 Too Many Requests, %.1f%%)",
                    e.host(), limited, e.count(), e.method(), percent))
                    .subject(e.client() + " " + e.method() + " " + e.host())
                    .evidence("method", e.method())
                    .evidence("host", e.host())
                    .evidence("client", e.client())
                    .evidence("calls", e.count())
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
