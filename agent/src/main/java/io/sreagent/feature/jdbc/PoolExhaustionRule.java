package io.sreagent.feature.jdbc;

import io.sreagent.core.Rule;
import io.sreagent.report.Finding;
import io.sreagent.report.Severity;
import io.sreagent.report.Site;
import io.sreagent.support.LatencyRecorder;
import io.sreagent.support.StackSites;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code pool-exhaustion}, per pool, over the recent window ({@code jdbc.pool.window}, else {@code window}):
 * acquisitions timed out (critical), or connections in use stayed at 80 % of the maximum or more for
 * {@code jdbc.pool.busy} up to now, or several acquisitions waited {@code jdbc.pool.wait} or longer
 * (warning). Names who holds the connections and points at the leak or slow statement behind it. A pool
 * exhausted before the window and healthy since is not reported: the finding log shows it as recovered.
 */
public final class PoolExhaustionRule implements Rule {
    static final double BUSY_SHARE = 0.8;
    static final int MIN_SLOW_ACQUIRES = 2;
    static final int HOLDERS_LISTED = 3;
    /** Holder threads listed per site, the longest-held first, each with its current stack. */
    static final int THREADS_LISTED = 3;
    static final int NOW_FRAMES = 12;

    private final Pools pools;
    private final ConnectionTracker tracker;
    private final StatementStats statements;
    private final StackCapture capture;
    private final long busyMillis;
    private final long waitMillis;
    private final long leakThresholdMillis;

    public PoolExhaustionRule(Pools pools, ConnectionTracker tracker, StatementStats statements, StackCapture capture,
                              long busyMillis, long waitMillis, long leakThresholdMillis) {
        this.pools = pools;
        this.tracker = tracker;
        this.statements = statements;
        this.capture = capture;
        this.busyMillis = busyMillis;
        this.waitMillis = waitMillis;
        this.leakThresholdMillis = leakThresholdMillis;
    }

    /** A pool's figures over the window, when they show it exhausted. */
    private record Exhaustion(PoolStats pool, PoolStats.Snapshot last, PoolStats.Window window, long busyFor,
                              int peakWaiting) {
    }

    @Override
    public void evaluate(long nowMillis, List<Finding> out) {
        for (PoolStats pool : pools.all()) {
            Exhaustion e = judge(pool, nowMillis);
            if (e != null) {
                out.add(finding(e, nowMillis));
            }
        }
    }

    /** The pools exhausted now, as {@link #evaluate} judges them; reads only. */
    public List<PoolStats> exhaustedPools(long nowMillis) {
        List<PoolStats> out = new ArrayList<>();
        for (PoolStats pool : pools.all()) {
            if (judge(pool, nowMillis) != null) {
                out.add(pool);
            }
        }
        return out;
    }

    private Exhaustion judge(PoolStats pool, long nowMillis) {
        List<PoolStats.Snapshot> snaps = pool.since(nowMillis - pool.windowMillis());
        if (snaps.isEmpty()) {
            return null;
        }
        PoolStats.Window window = pool.window(nowMillis);
        long busyFor = busyFor(snaps);
        if (window.timeouts() == 0 && busyFor < busyMillis && window.slowAcquires() < MIN_SLOW_ACQUIRES) {
            return null;
        }
        int peakWaiting = snaps.stream().mapToInt(PoolStats.Snapshot::waiting).max().orElse(0);
        return new Exhaustion(pool, snaps.get(snaps.size() - 1), window, busyFor, peakWaiting);
    }

    /** How long the pool has been at 80 % or more without a break, up to the latest snapshot. */
    static long busyFor(List<PoolStats.Snapshot> snaps) {
        PoolStats.Snapshot last = snaps.get(snaps.size() - 1);
        if (!last.busy(BUSY_SHARE)) {
            return 0;
        }
        long start = last.atMillis();
        for (int i = snaps.size() - 1; i >= 0 && snaps.get(i).busy(BUSY_SHARE); i--) {
            start = snaps.get(i).atMillis();
        }
        return last.atMillis() - start;
    }

    private Finding finding(Exhaustion e, long nowMillis) {
        PoolStats pool = e.pool();
        PoolStats.Snapshot last = e.last();
        PoolStats.Window window = e.window();
        long timeouts = window.timeouts();
        long slowAcquires = window.slowAcquires();
        long busyFor = e.busyFor();
        int peakWaiting = e.peakWaiting();
        List<String> why = new ArrayList<>();
        if (timeouts > 0) {
            why.add(timeouts + " acquisition(s) timed out");
        }
        if (busyFor >= busyMillis) {
            why.add(String.format(Locale.ROOT, "%d of %d connections in use for %s", last.inUse(), last.max(),
                    ConnectionLeakRule.seconds(busyFor)));
        }
        if (slowAcquires >= MIN_SLOW_ACQUIRES) {
            why.add(slowAcquires + " acquisition(s) waited " + ConnectionLeakRule.seconds(waitMillis) + " or more");
        }
        Finding f = new Finding("pool-exhaustion", timeouts > 0 ? Severity.CRITICAL : Severity.WARNING,
                "connection pool " + pool.name() + " is exhausted: " + String.join(", ", why))
                .subject(pool.name())
                .window(Duration.ofMillis(window.windowMillis()))
                .evidence("pool", pool.name())
                .evidence("inUse", last.inUse())
                .evidence("max", last.max())
                .evidence("busySeconds", busyFor / 1000.0)
                .evidence("timeoutsInWindow", timeouts)
                .evidence("slowAcquiresInWindow", slowAcquires)
                .evidence("peakThreadsAwaiting", peakWaiting)
                .evidence("acquisitionsInWindow", window.acquisitions())
                .evidence("failuresInWindow", window.failures())
                .evidence("acquire", LatencyRecorder.summary(window.acquireMicros(), "Micros"))
                .evidence("windowSeconds", window.windowMillis() / 1000.0);

        List<ConnectionTracker.Holders> holders = tracker.holders(pool.name(), nowMillis, HOLDERS_LISTED, THREADS_LISTED);
        Map<String, Thread> byName = holders.stream().flatMap(h -> h.longest().stream())
                .anyMatch(h -> h.owner() == null) ? liveThreadsByName() : Map.of();
        Site doingNowSite = null;
        List<Map<String, Object>> listed = new ArrayList<>();
        Set<Site> leaking = new HashSet<>();
        for (ConnectionTracker.Suspects s : tracker.suspects(nowMillis, leakThresholdMillis)) {
            leaking.add(s.site());
        }
        Set<Site> slowSites = slowQuerySites(nowMillis, window.windowMillis());
        for (ConnectionTracker.Holders h : holders) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("site", h.site() == null ? "(stack not sampled)" : h.site().toString());
            m.put("connections", h.count());
            m.put("oldestAgeSeconds", h.oldestAgeMillis() / 1000.0);
            if (leaking.contains(h.site())) {
                m.put("see", "connection-leak");
            } else if (slowSites.contains(h.site())) {
                m.put("see", "slow-query");
            }
            List<Map<String, Object>> threads = new ArrayList<>();
            for (ConnectionTracker.Holding holding : h.longest()) {
                Map<String, Object> t = doingNow(holding, byName);
                if (doingNowSite == null && t.get("nowAt") instanceof Site now) {
                    doingNowSite = now;
                }
                t.computeIfPresent("nowAt", (k, v) -> v.toString());
                threads.add(t);
            }
            m.put("threads", threads);
            listed.add(m);
        }
        if (listed.isEmpty() && last.inUse() > 0) {
            // the pool is full of connections the agent never saw handed out: say so rather than list nothing
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("site", "(not tracked: acquired before the agent started, or with no application frame)");
            m.put("connections", last.inUse());
            listed.add(m);
        }
        f.evidence("topHolders", listed);
        if (!holders.isEmpty() && holders.get(0).site() != null) {
            f.site(holders.get(0).site());
        } else if (doingNowSite != null) {
            f.site(doingNowSite); // no acquisition stack: where a holder is now is the next best place to look
        }
        for (ConnectionTracker.Holders h : holders) {
            if (h.site() == null) {
                continue;
            }
            if (leaking.contains(h.site())) {
                f.advice("Connections acquired at " + h.site() + " are held past jdbc.leak.threshold: fix that leak (see the connection-leak finding) before resizing the pool.");
            } else if (slowSites.contains(h.site())) {
                f.advice("Code at " + h.site() + " holds connections while running slow SQL (see the slow-query finding): make the statement faster or give it a timeout.");
            }
        }
        f.advice("Keep connections for the shortest time: no remote calls or long computation while holding one.")
                .advice("Size the pool from the database's capacity, not the request rate: (cores * 2) + spindles is the usual start; a bigger pool only moves the queue into the database.")
                .advice("Set a connection timeout (HikariCP connectionTimeout) well under the request timeout so callers fail fast instead of piling up.");
        return f;
    }

    /**
     * What a thread holding a connection is doing now: its state, the first application frame of its
     * current stack and the top of that stack. Taking another thread's stack is a read (a short pause of
     * that thread only), done for at most {@code HOLDERS_LISTED * THREADS_LISTED} threads of an exhausted pool.
     */
    private Map<String, Object> doingNow(ConnectionTracker.Holding holding, Map<String, Thread> byName) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("thread", holding.thread());
        t.put("heldSeconds", holding.heldMillis() / 1000.0);
        Thread owner = holding.owner() != null ? holding.owner() : byName.get(holding.thread());
        if (owner == null || !owner.isAlive()) {
            t.put("state", owner == null ? "unknown" : "ended");
            return t;
        }
        StackTraceElement[] frames = owner.getStackTrace();
        t.put("state", owner.getState().name());
        Site now = capture.siteOf(frames);
        if (now != null) {
            t.put("nowAt", now);
        }
        t.put("nowStack", StackSites.frames(frames, NOW_FRAMES));
        return t;
    }

    /** Live threads by name, those whose name is unique only: the tracker keeps no reference to some holders. */
    private static Map<String, Thread> liveThreadsByName() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 16];
        int n = root.enumerate(threads, true);
        Map<String, Thread> byName = new HashMap<>();
        Set<String> repeated = new HashSet<>();
        for (int i = 0; i < n; i++) {
            if (byName.putIfAbsent(threads[i].getName(), threads[i]) != null) {
                repeated.add(threads[i].getName());
            }
        }
        byName.keySet().removeAll(repeated);
        return byName;
    }

    private Set<Site> slowQuerySites(long nowMillis, long windowMillis) {
        Set<Site> sites = new HashSet<>();
        for (StatementStats.Stat s : statements.all()) {
            for (StatementStats.SlowSample sample : s.samplesSince(nowMillis - windowMillis)) {
                if (sample.site() != null) {
                    sites.add(sample.site());
                }
            }
        }
        return sites;
    }
}
