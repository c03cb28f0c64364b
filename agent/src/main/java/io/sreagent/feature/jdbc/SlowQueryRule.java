package io.sreagent.feature.jdbc;

import io.sreagent.core.Rule;
import io.sreagent.report.Finding;
import io.sreagent.report.Severity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code slow-query}, one finding per statement shape that ran at least {@code jdbc.slow}: a warning
 * when it is slow repeatedly and its p99 is over the threshold (a pattern, not a one-off), else info.
 */
public final class SlowQueryRule implements Rule {
    static final int MIN_SLOW_FOR_WARNING = 2;
    private static final int TITLE_SQL = 100;

    private final StatementStats statements;
    private final long slowMillis;

    public SlowQueryRule(StatementStats statements, long slowMillis) {
        this.statements = statements;
        this.slowMillis = slowMillis;
    }

    @Override
    public void evaluate(long nowMillis, List<Finding> out) {
        for (StatementStats.Stat s : statements.all()) {
            long slow = s.slow();
            if (slow == 0) {
                continue;
            }
            Map<String, Object> latency = s.latency();
            long p99Millis = millis(latency.get("p99Micros"));
            boolean pattern = slow >= MIN_SLOW_FOR_WARNING && p99Millis >= slowMillis;
            List<StatementStats.SlowSample> samples = s.samples();
            StatementStats.SlowSample latest = samples.isEmpty() ? null : samples.get(samples.size() - 1);
            String sql = s.sql.length() > TITLE_SQL ? s.sql.substring(0, TITLE_SQL) + "..." : s.sql;
            Finding f = new Finding("slow-query", pattern ? Severity.WARNING : Severity.INFO, String.format(Locale.ROOT,
                    "SQL took %d ms or more %d time(s) of %d (p99 %d ms): %s", slowMillis, slow, s.count(), p99Millis, sql))
                    .evidence("sql", s.sql)
                    .evidence("executions", s.count())
                    .evidence("slowExecutions", slow)
                    .evidence("errors", s.errors())
                    .evidence("p50Ms", millis(latency.get("p50Micros")))
                    .evidence("p95Ms", millis(latency.get("p95Micros")))
                    .evidence("p99Ms", p99Millis)
                    .evidence("maxMs", millis(latency.get("maxMicros")))
                    .evidence("thresholdMs", slowMillis);
            List<Map<String, Object>> slowest = new ArrayList<>();
            for (StatementStats.SlowSample sample : samples) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("durationMs", sample.durationMillis());
                m.put("thread", sample.thread());
                m.put("site", sample.site() == null ? null : sample.site().toString());
                slowest.add(m);
            }
            f.evidence("recentSlow", slowest);
            if (latest != null) {
                if (latest.site() != null) {
                    f.site(latest.site());
                }
                f.stack(latest.stack());
            }
            f.advice("Run EXPLAIN (ANALYZE) on this statement with real parameters: look for full scans, missing indexes and row estimates far from the actual counts.")
                    .advice("Check for lock waits on the database side (pg_stat_activity / SHOW PROCESSLIST) while it runs; a statement waiting on a lock looks slow here too.")
                    .advice("Set a statement timeout (Statement.setQueryTimeout or the driver's socket/statement timeout) so a slow query cannot hold a pooled connection indefinitely.");
            out.add(f);
        }
    }

    static long millis(Object micros) {
        return micros instanceof Number n ? n.longValue() / 1000 : 0;
    }
}
