package io.sreagent.feature.jdbc;

import io.sreagent.core.Rule;
import io.sreagent.report.Finding;
import io.sreagent.report.Severity;
import io.sreagent.report.Site;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code connection-leak}, one finding per acquisition site: connections held longer than the
 * threshold right now (suspected, warning), connections garbage-collected without close() (certain,
 * critical), and, once they came back, connections that had been held too long (info).
 */
public final class ConnectionLeakRule implements Rule {
    private final ConnectionTracker tracker;
    private final long thresholdMillis;
    private final List<String> allowed;

    /** @param allowed prefixes of {@code class.method.} of sites never reported (long holders by design) */
    public ConnectionLeakRule(ConnectionTracker tracker, long thresholdMillis, List<String> allowed) {
        this.tracker = tracker;
        this.thresholdMillis = thresholdMillis;
        this.allowed = allowed;
    }

    private static final class Group {
        Site site;
        List<String> stack = List.of();
        String pool;
        int heldNow;
        long oldestAgeMillis;
        List<String> threads = List.of();
        long collected;
        long returnedLate;
        long longestHeldMillis;
    }

    @Override
    public void evaluate(long nowMillis, List<Finding> out) {
        Map<Site, Group> bySite = new LinkedHashMap<>();
        for (ConnectionTracker.Suspects s : tracker.suspects(nowMillis, thresholdMillis)) {
            if (isAllowed(s.site())) {
                continue;
            }
            Group g = bySite.computeIfAbsent(s.site(), k -> new Group());
            g.site = s.site();
            g.pool = s.pool();
            g.heldNow += s.count();
            g.oldestAgeMillis = Math.max(g.oldestAgeMillis, s.oldestAgeMillis());
            g.threads = s.threads();
            if (g.stack.isEmpty()) {
                g.stack = s.stack();
            }
        }
        for (ConnectionTracker.SiteHistory h : tracker.history()) {
            if (isAllowed(h.site)) {
                continue;
            }
            Group g = bySite.computeIfAbsent(h.site, k -> new Group());
            g.site = h.site;
            g.collected = h.collectedUnclosed();
            g.returnedLate = h.returnedLate();
            g.longestHeldMillis = h.longestHeldMillis();
            if (g.stack.isEmpty()) {
                g.stack = h.stack();
            }
        }
        for (Group g : bySite.values()) {
            out.add(finding(g));
        }
    }

    private Finding finding(Group g) {
        String where = g.site == null ? "an unknown site (its stack was not sampled)" : g.site.toString();
        Severity severity;
        String title;
        if (g.collected > 0) {
            severity = Severity.CRITICAL;
            title = String.format(Locale.ROOT, "%d JDBC connection(s) acquired at %s were garbage-collected without close()%s",
                    g.collected, where, g.heldNow > 0 ? String.format(Locale.ROOT, "; %d more held for over %s", g.heldNow, seconds(thresholdMillis)) : "");
        } else if (g.heldNow > 0) {
            severity = Severity.WARNING;
            title = String.format(Locale.ROOT, "%d JDBC connection(s) acquired at %s held for over %s without close() (oldest %s)",
                    g.heldNow, where, seconds(thresholdMillis), seconds(g.oldestAgeMillis));
        } else {
            severity = Severity.INFO;
            title = String.format(Locale.ROOT, "%d JDBC connection(s) acquired at %s were held for over %s before close() (longest %s)",
                    g.returnedLate, where, seconds(thresholdMillis), seconds(g.longestHeldMillis));
        }
        Finding f = new Finding("connection-leak", severity, title)
                .subject(g.site == null ? "(unknown site)" : g.site.toString()) // the acquisition site: one finding per site
                .evidence("heldNow", g.heldNow)
                .evidence("oldestAgeSeconds", g.oldestAgeMillis / 1000.0)
                .evidence("collectedWithoutClose", g.collected)
                .evidence("returnedAfterReport", g.returnedLate)
                .evidence("longestHeldSeconds", g.longestHeldMillis / 1000.0)
                .evidence("thresholdSeconds", thresholdMillis / 1000.0);
        if (g.pool != null) {
            f.evidence("pool", g.pool);
        }
        if (!g.threads.isEmpty()) {
            f.evidence("threads", g.threads);
        }
        if (g.site != null) {
            f.site(g.site);
        }
        f.stack(g.stack);
        f.advice("Acquire the connection in try-with-resources (try (Connection c = ds.getConnection()) { ... }) so every path, exceptions included, closes it.");
        if (g.collected > 0) {
            f.advice("A connection collected without close() was never returned: a pool counts it as in use for good, so the pool shrinks until it is exhausted.");
        }
        if (g.site == null) {
            f.advice("Stack capture covers every acquisition from the next evaluation on (as with jdbc.stack=always): the next leak names its site.");
        }
        f.advice("If this code holds its connection for long on purpose (a batch job, a listener), add it to jdbc.leak.allow.");
        return f;
    }

    private boolean isAllowed(Site site) {
        if (site == null) {
            return false;
        }
        String method = site.className() + "." + site.method() + ".";
        for (String prefix : allowed) {
            if (method.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    static String seconds(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

}
