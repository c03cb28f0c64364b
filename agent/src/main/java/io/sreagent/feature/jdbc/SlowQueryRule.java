package io.sreagent.feature.jdbc;

import io.sreagent.core.Rule;
import io.sreagent.report.Finding;
import io.sreagent.report.Severity;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code slow-query}, one finding per statement shape that ran at least {@code jdbc.slow} in the recent
 * window: a warning when it was slow repeatedly and its p99 over the window is past the threshold (a
 * pattern, not a one-off), else info. A statement slow before the window and fast since is not reported:
 * the finding log shows it as recovered.
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
        long windowMillis = statements.windowMillis();
        for (StatementStats.Stat s : statements.all()) {
            if (s.windowSlow(nowMillis, windowMillis) == 0) {
                continue; // the cheap test first: most statements are never slow
            }
            StatementStats.Window w = s.window(nowMillis, windowMillis);
            Histogram h = w.micros();
            long p99Millis = h.getValueAtPercentile(99) / 1000;
            boolean pattern = w.slow() >= MIN_SLOW_FOR_WARNING && p99Millis >= slowMillis;
            List<StatementStats.SlowSample> samples = s.samplesSince(nowMillis - windowMillis);
            StatementStats.SlowSample latest = samples.isEmpty() ? null : samples.get(samples.size() - 1);
            String sql = s.sql.length() > TITLE_SQL ? s.sql.substring(0, TITLE_SQL) + "..." : s.sql;
            Finding f = new Finding("slow-query", pattern ? Severity.WARNING : Severity.INFO, String.format(Locale.ROOT,
                    "SQL took %d ms or more %d time(s) of %d in the last %d s (p99 %d ms): %s", slowMillis, w.slow(),
                    w.count(), windowMillis / 1000, p99Millis, sql))
                    .subject(s.sql)
                    .window(Duration.ofMillis(windowMillis))
                    .evidence("sql", s.sql)
                    .evidence("executions", w.count())
                    .evidence("slowExecutions", w.slow())
                    .evidence("errors", w.errors())
                    .evidence("p50Ms", h.getValueAtPercentile(50) / 1000)
                    .evidence("p95Ms", h.getValueAtPercentile(95) / 1000)
                    .evidence("p99Ms", p99Millis)
                    .evidence("maxMs", h.getMaxValue() / 1000)
                    .evidence("thresholdMs", slowMillis)
                    .evidence("windowSeconds", windowMillis / 1000.0)
                    .evidence("executionsSinceStart", s.count())
                    .evidence("slowExecutionsSinceStart", s.slow());
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
}
