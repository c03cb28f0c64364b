package io.sreagent.feature.http;

import io.sreagent.core.Rule;
import io.sreagent.report.Finding;
import io.sreagent.report.Format;
import io.sreagent.report.Severity;
import io.sreagent.report.Site;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code endpoint-errors}: over the recent window, a route answers 5xx more often than the error budget
 * allows, with the exception types that escaped its handler or that the application caught and answered
 * 5xx for (since start: types are not windowed) and where the commonest one was thrown, else the line that
 * set the 5xx status itself. No warm-up here: a 5xx is a failed user, cold or not.
 */
public final class EndpointErrorsRule implements Rule {
    /** Above this share of 5xx the route is failing for many users, not a few. */
    static final double CRITICAL_PERCENT = 5;

    private final HttpReceiver telemetry;
    private final double ratePercent;
    private final int minRequests;
    private final long windowMillis;

    public EndpointErrorsRule(HttpReceiver telemetry, double ratePercent, int minRequests, long windowMillis) {
        this.telemetry = telemetry;
        this.ratePercent = ratePercent;
        this.minRequests = minRequests;
        this.windowMillis = windowMillis;
    }

    @Override
    public void evaluate(long nowMillis, List<Finding> out) {
        for (EndpointStats e : telemetry.endpoints()) {
            EndpointStats.Recent r = e.recent(nowMillis, windowMillis);
            long n = r.requests();
            long errors = r.serverErrors();
            if (n < minRequests || errors == 0) {
                continue;
            }
            double rate = 100.0 * errors / n;
            if (rate <= ratePercent) {
                continue;
            }
            Finding f = new Finding("endpoint-errors", rate >= CRITICAL_PERCENT ? Severity.CRITICAL : Severity.WARNING,
                    String.format(Locale.ROOT, "%s %s answered 5xx to %d of %d requests in the last %s (%.1f%%, budget %.1f%%)",
                            e.method(), e.route(), errors, n, Format.duration(Duration.ofMillis(windowMillis)), rate, ratePercent))
                    .subject(e.method() + " " + e.route())
                    .window(Duration.ofMillis(windowMillis))
                    .evidence("windowSeconds", windowMillis / 1000)
                    .evidence("method", e.method())
                    .evidence("route", e.route())
                    .evidence("requests", n)
                    .evidence("serverErrors", errors)
                    .evidence("errorRatePercent", Math.round(rate * 100) / 100.0)
                    .evidence("budgetPercent", ratePercent);
            List<Map.Entry<String, Long>> types = e.exceptions().top(5);
            List<Map.Entry<Site, Long>> setters = e.statusSites().top(1);
            if (!types.isEmpty()) {
                f.evidence("exceptionsSinceStart", e.exceptions().asMap(5));
            }
            if (e.statusSetCount() > 0) {
                f.evidence("statusSetSinceStart", e.statusSetCount());
            }
            // The commonest cause names the site: an exception type, or the line setting the status itself.
            if (!types.isEmpty() && (setters.isEmpty() || types.get(0).getValue() >= e.statusSetCount())) {
                String top = types.get(0).getKey();
                EndpointStats.Cause cause = e.exceptions().example(top);
                Site site = cause == null ? null : cause.site();
                if (site != null) {
                    f.site(site);
                    f.evidence("siteFrom", cause.from());
                }
                boolean handled = cause != null && EndpointStats.HANDLED.equals(cause.from());
                f.advice("Fix the cause of " + top + (site == null ? "" : " thrown at " + site)
                        + (handled ? "; the application catches it and answers 5xx." : "; an exception escaping the handler becomes a 500 with no useful body."));
                f.advice("Map expected failures (bad input, missing rows) to 4xx answers, and let only real faults be 5xx.");
            } else if (!setters.isEmpty()) {
                Site site = setters.get(0).getKey();
                f.site(site);
                f.evidence("siteFrom", EndpointStats.STATUS_SET);
                f.advice("The code at " + site + " sets the 5xx status itself: log the reason next to it and check the dependency it reports on.");
            } else {
                f.advice("The handler sets the 5xx status itself: log the reason next to it and check the dependency it reports on.");
            }
            f.advice("Guard calls to failing dependencies with a time-out, a retry with backoff for idempotent requests, "
                    + "and a circuit breaker with a fallback, so one dependency does not fail the whole route.");
            out.add(f);
        }
    }
}
