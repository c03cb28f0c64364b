package io.sreagent.feature.http;

import io.sreagent.core.Rule;
import io.sreagent.report.Finding;
import io.sreagent.report.Severity;
import io.sreagent.report.Site;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code endpoint-errors}: a route answers 5xx more often than the error budget allows, with the
 * exception types that escaped its handler and where the commonest one was thrown.
 */
public final class EndpointErrorsRule implements Rule {
    /** Above this share of 5xx the route is failing for many users, not a few. */
    static final double CRITICAL_PERCENT = 5;

    private final HttpReceiver telemetry;
    private final double ratePercent;
    private final int minRequests;

    public EndpointErrorsRule(HttpReceiver telemetry, double ratePercent, int minRequests) {
        this.telemetry = telemetry;
        this.ratePercent = ratePercent;
        this.minRequests = minRequests;
    }

    @Override
    public void evaluate(long nowMillis, List<Finding> out) {
        for (EndpointStats e : telemetry.endpoints()) {
            long n = e.count();
            long errors = e.serverErrors();
            if (n < minRequests || errors == 0) {
                continue;
            }
            double rate = 100.0 * errors / n;
            if (rate <= ratePercent) {
                continue;
            }
            Finding f = new Finding("endpoint-errors", rate >= CRITICAL_PERCENT ? Severity.CRITICAL : Severity.WARNING,
                    String.format(Locale.ROOT, "%s %s answered 5xx to %d of %d requests (%.1f%%, budget %.1f%%)",
                            e.method(), e.route(), errors, n, rate, ratePercent))
                    .subject(e.method() + " " + e.route())
                    .evidence("method", e.method())
                    .evidence("route", e.route())
                    .evidence("requests", n)
                    .evidence("serverErrors", errors)
                    .evidence("errorRatePercent", Math.round(rate * 100) / 100.0)
                    .evidence("budgetPercent", ratePercent);
            List<Map.Entry<String, Long>> types = e.exceptions().top(5);
            if (!types.isEmpty()) {
                f.evidence("exceptions", e.exceptions().asMap(5));
                String top = types.get(0).getKey();
                Site site = e.exceptions().example(top);
                if (site != null) {
                    f.site(site);
                }
                f.advice("Fix the cause of " + top + (site == null ? "" : " thrown at " + site)
                        + "; an exception escaping the handler becomes a 500 with no useful body.");
                f.advice("Map expected failures (bad input, missing rows) to 4xx answers, and let only real faults be 5xx.");
            } else {
                f.advice("The handler sets the 5xx status itself: log the reason next to it and check the dependency it reports on.");
            }
            f.advice("Guard calls to failing dependencies with a time-out, a retry with backoff for idempotent requests, "
                    + "and a circuit breaker with a fallback, so one dependency does not fail the whole route.");
            out.add(f);
        }
    }
}
