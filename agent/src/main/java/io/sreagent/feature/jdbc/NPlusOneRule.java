package io.sreagent.feature.jdbc;

import io.sreagent.core.Rule;
import io.sreagent.report.Finding;
import io.sreagent.report.Severity;
import io.sreagent.report.Site;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code n-plus-one}, a warning per route and statement shape: over the recent window, at least
 * {@link #MIN_REQUESTS} requests of the route each ran the shape {@code jdbc.n-plus-one} times or more
 * (one execution per row of an earlier list, typically). A batch ({@code executeBatch}) is one
 * execution, so batching is never reported; nor is a request that ran it fewer times. Several requests,
 * not one: a one-off job that loops on purpose is not a pattern of the route.
 */
final class NPlusOneRule implements Rule {
    static final int MIN_REQUESTS = 3;
    private static final int TITLE_SQL = 100;
    /** {@code WHERE column = ?}, {@code AND t.column = ?}: the column a loop looks rows up by. */
    private static final Pattern LOOKUP = Pattern.compile("(?i)\\b(?:where|and)\\s+((?:\\w+\\.)?\\w+)\\s*=\\s*\\?");

    private final RepeatedStatements repeats;
    private final int threshold;

    NPlusOneRule(RepeatedStatements repeats, int threshold) {
        this.repeats = repeats;
        this.threshold = threshold;
    }

    @Override
    public void evaluate(long nowMillis, List<Finding> out) {
        long windowMillis = repeats.windowMillis();
        for (RepeatedStatements.Entry e : repeats.all()) {
            long[] w = e.window(nowMillis, windowMillis);
            long requests = w[0];
            if (requests < MIN_REQUESTS) {
                continue;
            }
            long executions = w[1];
            long shapeMicros = w[2];
            long requestMicros = w[3];
            int[] perRequest = e.executionsPerRequest(nowMillis, windowMillis);
            int p50 = perRequest.length == 0 ? (int) (executions / requests) : perRequest[perRequest.length / 2];
            int max = perRequest.length == 0 ? p50 : perRequest[perRequest.length - 1];
            String sql = e.key.sql();
            String route = e.key.method() + " " + e.key.route();
            double dbMsPerRequest = shapeMicros / 1000.0 / requests;
            double sharePercent = requestMicros == 0 ? 0 : 100.0 * shapeMicros / requestMicros;
            Finding f = new Finding("n-plus-one", Severity.WARNING, String.format(Locale.ROOT,
                    "%s runs one statement %d times per request (median of %d requests in the last %d s, %.1f ms of"
                            + " database time each, %.0f %% of the request): %s", route, p50, requests,
                    windowMillis / 1000, dbMsPerRequest, sharePercent, shorten(sql)))
                    .subject(route + " " + sql)
                    .window(Duration.ofMillis(windowMillis))
                    .evidence("method", e.key.method())
                    .evidence("route", e.key.route())
                    .evidence("sql", sql)
                    .evidence("requestsAffected", requests)
                    .evidence("executionsPerRequestP50", p50)
                    .evidence("executionsPerRequestMax", max)
                    .evidence("executions", executions)
                    .evidence("dbMsPerRequest", round(dbMsPerRequest))
                    .evidence("shareOfRequestPercent", round(sharePercent))
                    .evidence("thresholdExecutions", threshold)
                    .evidence("windowSeconds", windowMillis / 1000.0)
                    .evidence("requestsAffectedSinceStart", e.requests.sum());
            Site site = e.sites.topKey();
            if (site != null) {
                f.site(site);
                List<String> stack = e.sites.example(site);
                if (stack != null) {
                    f.stack(stack);
                }
                f.evidence("sites", e.sites.asMap(RepeatedStatements.SITES_KEPT));
            }
            advise(f, sql, site);
            out.add(f);
        }
    }

    /** Advice in the words of the statement: what it looks up, and how to get all of it at once. */
    static void advise(Finding f, String sql, Site site) {
        String where = site == null ? "the loop that runs it" : "the loop at " + site;
        String verb = sql.stripLeading().split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
        if (verb.equals("SELECT")) {
            Matcher m = LOOKUP.matcher(sql);
            String column = m.find() ? m.group(1) : null;
            f.advice(column == null
                    ? "Fetch these rows in one statement instead of one per item in " + where + ": a join with the list query, or one query for all the keys."
                    : "Fetch the rows of every item in one statement instead of one per item in " + where + ": `... WHERE "
                            + column + " IN (?, ?, ...)` with all the keys, or a join with the query that produced the list.");
            f.advice("With JPA/Hibernate, this is a lazy association loaded per entity: use a fetch join (`JOIN FETCH`), an entity graph, or `@BatchSize` on the association.");
        } else {
            f.advice("Send these " + verb + " statements as one batch (`addBatch` per row, then `executeBatch`), or one set-based statement, instead of one round trip per row in " + where + ".");
        }
        f.advice("Each execution is a round trip to the database: the request's time grows with the number of rows, and so does the load on the pool.");
    }

    private static String shorten(String sql) {
        return sql.length() > TITLE_SQL ? sql.substring(0, TITLE_SQL) + "..." : sql;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
