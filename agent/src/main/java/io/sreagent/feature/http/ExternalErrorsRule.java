package io.sreagent.feature.http;

import io.sreagent.core.Rule;
import io.sreagent.report.Finding;
import io.sreagent.report.Severity;
import io.sreagent.report.Site;

import java.util.List;
import java.util.Locale;

/** {@code external-errors}: calls to a host fail (5xx, time-outs, other I/O errors) more often than allowed. */
public final class ExternalErrorsRule implements Rule {
    /** Half the calls failing means the dependency is down rather than flaky. */
    static final double CRITICAL_PERCENT = 50;

    private final HttpReceiver telemetry;
    private final double ratePercent;
    private final int minCalls;

    public ExternalErrorsRule(HttpReceiver telemetry, double ratePercent, int minCalls) {
        this.telemetry = telemetry;
        this.ratePercent = ratePercent;
        this.minCalls = minCalls;
    }

    @Override
    public void evaluate(long nowMillis, List<Finding> out) {
        for (ExternalStats e : telemetry.externals()) {
            long failed = e.serverErrors() + e.timeouts() + e.ioErrors();
            if (failed == 0 || e.count() < minCalls) {
                continue;
            }
            double percent = 100.0 * failed / e.count();
            if (percent <= ratePercent) {
                continue;
            }
            Finding f = new Finding("external-errors", percent >= CRITICAL_PERCENT ? Severity.CRITICAL : Severity.WARNING,
                    String.format(Locale.ROOT, "%d of %d calls %s %s failed (%.1f%%): %d 5xx, %d time-outs, %d other I/O errors",
                            failed, e.count(), e.method(), e.host(), percent, e.serverErrors(), e.timeouts(), e.ioErrors()))
                    .subject(e.client() + " " + e.method() + " " + e.host())
                    .evidence("method", e.method())
                    .evidence("host", e.host())
                    .evidence("client", e.client())
                    .evidence("calls", e.count())
                    .evidence("failed", failed)
                    .evidence("failedPercent", Math.round(percent * 10) / 10.0)
                    .evidence("status5xx", e.serverErrors())
                    .evidence("timeouts", e.timeouts())
                    .evidence("ioErrors", e.ioErrors());
            if (!e.errorTypes().isEmpty()) {
                f.evidence("errorTypes", e.errorTypes().asMap(5));
            }
            Site site = e.topSiteFailed();
            if (site != null) {
                f.site(site);
            }
            if (e.timeouts() > 0) {
                f.advice("Time-outs: check " + e.host() + "'s latency and your time-out (at most 5 s); a time-out that "
                        + "fires often needs a circuit breaker that stops calling for a while.");
            }
            f.advice("Add a circuit breaker with a fallback (cached or default answer) so " + e.host()
                    + "'s failures do not become 5xx of your own endpoints.");
            f.advice("Retry only idempotent requests, with exponential backoff and jitter and a small limit; "
                    + "check " + e.host() + "'s status page or owners for an incident.");
            out.add(f);
        }
    }
}
