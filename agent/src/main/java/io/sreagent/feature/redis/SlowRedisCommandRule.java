package io.sreagent.feature.redis;

import io.sreagent.core.Rule;
import io.sreagent.report.Finding;
import io.sreagent.report.Severity;
import io.sreagent.report.Site;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code slow-redis-command}, per client and command over the recent window: a p95 above
 * {@code redis.slow} with at least {@code redis.min.calls} calls, or any call of {@code KEYS}, which
 * walks the whole keyspace while Redis serves nobody else, however fast it still is today.
 */
final class SlowRedisCommandRule implements Rule {
    private final RedisReceiver telemetry;
    private final long slowMicros;
    private final int minCalls;
    private final long windowMillis;

    SlowRedisCommandRule(RedisReceiver telemetry, long slowMicros, int minCalls, long windowMillis) {
        this.telemetry = telemetry;
        this.slowMicros = slowMicros;
        this.minCalls = minCalls;
        this.windowMillis = windowMillis;
    }

    @Override
    public void evaluate(long nowMillis, List<Finding> out) {
        for (CommandStats s : telemetry.commands()) {
            CommandStats.Window w = s.window(nowMillis, windowMillis);
            if (w.calls() == 0) {
                continue;
            }
            long p95 = w.percentileMicros(95);
            boolean slow = w.calls() >= minCalls && p95 > slowMicros;
            boolean keys = "KEYS".equals(s.command());
            if (!slow && !keys) {
                continue;
            }
            String title = slow
                    ? String.format(Locale.ROOT, "Redis %s (%s) is slow: p95 %s ms, p99 %s ms over %d calls in the last %s",
                    s.command(), s.client(), ms(p95), ms(w.percentileMicros(99)), w.calls(), Duration.ofMillis(windowMillis).toString().substring(2).toLowerCase(Locale.ROOT))
                    : String.format(Locale.ROOT, "Redis KEYS (%s) called %d times in the last %s: it scans the whole keyspace and blocks the server",
                    s.client(), w.calls(), Duration.ofMillis(windowMillis).toString().substring(2).toLowerCase(Locale.ROOT));
            Finding f = new Finding("slow-redis-command", Severity.WARNING, title)
                    .subject(s.client() + " " + s.command())
                    .window(Duration.ofMillis(windowMillis))
                    .evidence("client", s.client())
                    .evidence("command", s.command())
                    .evidence("calls", w.calls())
                    .evidence("p50Ms", ms(w.percentileMicros(50)))
                    .evidence("p95Ms", ms(p95))
                    .evidence("p99Ms", ms(w.percentileMicros(99)))
                    .evidence("maxMs", ms(w.maxMicros()))
                    .evidence("slowMs", slowMicros / 1000.0)
                    .evidence("linear", s.linear())
                    .evidence("callsSinceStart", s.calls());
            Site site = s.topSlowSite();
            if (site != null) {
                f.site(site);
            }
            if (keys) {
                f.advice("Replace KEYS with SCAN (cursor, COUNT of a few hundred) or, better, keep the keys you need in a set "
                        + "or sorted set of their own; rename or disable KEYS in redis.conf (rename-command) so nobody runs it in production.");
            } else if (s.linear()) {
                f.advice(s.command() + " returns a whole collection (O(N)): read it in pages (HSCAN/SSCAN/ZSCAN, LRANGE with bounds) "
                        + "or split big keys so no single reply holds thousands of elements.");
            }
            if ("EVAL".equals(s.command()) || "EVALSHA".equals(s.command()) || "FCALL".equals(s.command())) {
                f.advice("A Lua script runs atomically: while it runs Redis serves no other client. Keep scripts short and bounded, "
                        + "move loops over many keys to the application, and check SLOWLOG GET for its real server time.");
            }
            f.advice("Run SLOWLOG GET and LATENCY DOCTOR on the server: if the server time is small, the latency is the network, "
                    + "a full connection pool, or the client's own thread; if it is large, look for big keys (redis-cli --bigkeys).");
            f.advice("Bound every call with a command time-out (Jedis socketTimeout, Lettuce timeout) so a slow Redis cannot "
                    + "hold request threads indefinitely.");
            out.add(f);
        }
    }

    static double ms(long micros) {
        return Math.round(micros / 100.0) / 10.0;
    }
}
