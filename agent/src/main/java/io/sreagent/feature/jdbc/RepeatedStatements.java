package io.sreagent.feature.jdbc;

import io.sreagent.report.Site;
import io.sreagent.support.CounterWindow;
import io.sreagent.support.Tally;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The requests that ran one statement shape again and again (n-plus-one), per route and shape: how
 * many, how often each ran it, how long it took them, and the lines that ran it. Only such requests
 * are recorded, at their end, so a service without the pattern pays nothing here. At most
 * {@code maxEntries} route and shape pairs; requests of later pairs are counted in {@link #dropped()}.
 */
final class RepeatedStatements {
    /** The latest requests kept per pair, for the executions' median and maximum. */
    static final int RECENT_KEPT = 64;
    static final int SITES_KEPT = 8;

    record Key(String method, String route, String sql) {
    }

    /** One request's figures: when it ended, how often it ran the shape, and the shape's and the request's time. */
    record Request(long atMillis, int executions, long shapeMicros, long requestMicros) {
    }

    /** A route and statement shape. */
    static final class Entry {
        final Key key;
        final LongAdder requests = new LongAdder();
        final LongAdder executions = new LongAdder();
        final LongAdder shapeMicros = new LongAdder();
        final LongAdder requestMicros = new LongAdder();
        /** requests, executions, shapeMicros, requestMicros: their increase per evaluation interval. */
        private final CounterWindow recent = new CounterWindow(4);
        /** Where the repeated executions came from, with one stack per site. */
        final Tally<Site> sites = new Tally<>(SITES_KEPT);
        private final Request[] latest = new Request[RECENT_KEPT];
        private int next;

        Entry(Key key) {
            this.key = key;
        }

        synchronized void add(Request r) {
            latest[next] = r;
            next = (next + 1) % RECENT_KEPT;
        }

        /** The kept requests that ended after {@code fromMillis}. */
        synchronized List<Request> since(long fromMillis) {
            List<Request> out = new ArrayList<>();
            for (Request r : latest) {
                if (r != null && r.atMillis() > fromMillis) {
                    out.add(r);
                }
            }
            return out;
        }

        void tick(long nowMillis, long keepMillis) {
            recent.tick(nowMillis, keepMillis, requests.sum(), executions.sum(), shapeMicros.sum(), requestMicros.sum());
        }

        /** requests, executions, shapeMicros, requestMicros over the intervals that ended in the last {@code windowMillis}. */
        long[] window(long nowMillis, long windowMillis) {
            return recent.sum(nowMillis, windowMillis);
        }

        /** The executions per request of the window's kept requests, sorted. */
        int[] executionsPerRequest(long nowMillis, long windowMillis) {
            List<Request> kept = since(nowMillis - windowMillis);
            int[] out = new int[kept.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = kept.get(i).executions();
            }
            Arrays.sort(out);
            return out;
        }
    }

    private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();
    private final int maxEntries;
    private final long windowMillis;
    private final LongAdder dropped = new LongAdder();

    RepeatedStatements(int maxEntries, long windowMillis) {
        this.maxEntries = maxEntries;
        this.windowMillis = windowMillis;
    }

    long windowMillis() {
        return windowMillis;
    }

    /** One request ran {@code sql} {@code executions} times; {@code site} and {@code stack} may be null (not captured). */
    void record(String method, String route, String sql, int executions, long shapeNanos, long requestNanos,
                long atMillis, Site site, List<String> stack) {
        Key key = new Key(method, route, sql);
        Entry e = entries.get(key);
        if (e == null) {
            if (entries.size() >= maxEntries) {
                dropped.increment();
                return;
            }
            e = entries.computeIfAbsent(key, Entry::new);
        }
        long shapeMicros = shapeNanos / 1000;
        long requestMicros = requestNanos / 1000;
        e.requests.increment();
        e.executions.add(executions);
        e.shapeMicros.add(shapeMicros);
        e.requestMicros.add(requestMicros);
        e.add(new Request(atMillis, executions, shapeMicros, requestMicros));
        if (site != null) {
            e.sites.add(site, 1, stack);
        }
    }

    void tick(long nowMillis) {
        for (Entry e : entries.values()) {
            e.tick(nowMillis, windowMillis);
        }
    }

    List<Entry> all() {
        return new ArrayList<>(entries.values());
    }

    long dropped() {
        return dropped.sum();
    }

    /** The pairs with requests in the window first, most requests first; at most {@code limit}. */
    Map<String, Object> metrics(long nowMillis, int limit) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tracked", entries.size());
        m.put("limit", maxEntries);
        m.put("dropped", dropped());
        m.put("windowSeconds", windowMillis / 1000.0);
        record Ranked(Entry entry, long[] window) {
        }
        List<Ranked> ranked = new ArrayList<>();
        for (Entry e : all()) {
            ranked.add(new Ranked(e, e.window(nowMillis, windowMillis)));
        }
        ranked.sort(Comparator.comparingLong((Ranked r) -> r.window()[0])
                .thenComparingLong(r -> r.entry().requests.sum()).reversed());
        List<Map<String, Object>> top = new ArrayList<>();
        for (Ranked r : ranked.subList(0, Math.min(limit, ranked.size()))) {
            Entry e = r.entry();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("method", e.key.method());
            row.put("route", e.key.route());
            row.put("sql", e.key.sql());
            row.put("requests", e.requests.sum());
            row.put("executions", e.executions.sum());
            row.put("requestsInWindow", r.window()[0]);
            row.put("executionsInWindow", r.window()[1]);
            top.add(row);
        }
        m.put("top", top);
        return m;
    }
}
