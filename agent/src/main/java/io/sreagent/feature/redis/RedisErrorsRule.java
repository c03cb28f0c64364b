package io.sreagent.feature.redis;

import io.sreagent.core.Rule;
import io.sreagent.report.Finding;
import io.sreagent.report.Severity;
import io.sreagent.report.Site;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code redis-errors}, per client and command over the recent window: failed calls (error replies,
 * time-outs, connection errors) above {@code redis.error.rate} of at least {@code redis.min.calls}
 * calls; critical from half of them, when Redis or the way it is used is broken rather than flaky.
 */
final class RedisErrorsRule implements Rule {
    static final double CRITICAL_PERCENT = 50;

    private final RedisReceiver telemetry;
    private final double ratePercent;
    private final int minCalls;
    private final long windowMillis;

    RedisErrorsRule(RedisReceiver telemetry, double ratePercent, int minCalls, long windowMillis) {
        this.telemetry = telemetry;
        this.ratePercent = ratePercent;
        this.minCalls = minCalls;
        this.windowMillis = windowMillis;
    }

    @Override
    public void evaluate(long nowMillis, List<Finding> out) {
        for (CommandStats s : telemetry.commands()) {
            CommandStats.Window w = s.window(nowMillis, windowMillis);
            if (w.failures() == 0 || w.calls() < minCalls) {
                continue;
            }
            double percent = 100.0 * w.failures() / w.calls();
            if (percent <= ratePercent) {
                continue;
            }
            Finding f = new Finding("redis-errors", percent >= CRITICAL_PERCENT ? Severity.CRITICAL : Severity.WARNING,
                    String.format(Locale.ROOT, "Redis %s (%s) failed %d of %d calls (%.1f%%) in the last %s, %d time-outs",
                            s.command(), s.client(), w.failures(), w.calls(), percent,
                            Duration.ofMillis(windowMillis).toString().substring(2).toLowerCase(Locale.ROOT), w.timeouts()))
                    .subject(s.client() + " " + s.command())
                    .window(Duration.ofMillis(windowMillis))
                    .evidence("client", s.client())
                    .evidence("command", s.command())
                    .evidence("calls", w.calls())
                    .evidence("failed", w.failures())
                    .evidence("failedPercent", Math.round(percent * 10) / 10.0)
                    .evidence("timeouts", w.timeouts())
                    .evidence("ratePercent", ratePercent)
                    .evidence("errorTypes", s.errorTypes().asMap(CommandStats.ERROR_TYPES));
            Site site = s.topFailedSite();
            if (site != null) {
                f.site(site);
            }
            if (w.timeouts() > 0) {
                f.advice("Time-outs: check the server's latency (SLOWLOG GET, LATENCY DOCTOR, blocked clients in INFO clients) "
                        + "and the client pool's size; a command that times out often needs a circuit breaker and a fallback.");
            }
            if (w.failures() > w.timeouts()) {
                f.advice("Error replies (WRONGTYPE, NOSCRIPT, OOM, READONLY...) are the application's or the server's state, not "
                        + "the network: the error type says which; WRONGTYPE means two code paths use one key for different types.");
            }
            f.advice("Check the server: INFO (used_memory against maxmemory, rejected_connections, role), and whether a failover "
                    + "or a full memory turned writes into errors.");
            out.add(f);
        }
    }
}
