package io.sreagent.core;

import io.sreagent.report.Finding;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each evaluation found, remembered between reports: when a finding was first and last seen,
 * and which ones stopped. A finding that is no longer found becomes {@code recovered} (info) and is
 * kept for one report interval, so the next periodic report still shows what happened during its
 * interval, even when it ended before the report was written. Bounded: past {@link #MAX_TRACKED},
 * the oldest recovered entries go first, then the oldest active ones, and are counted as dropped.
 */
final class FindingLog {
    static final int MAX_TRACKED = 500;

    private final long keepRecoveredMillis;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private long lastPeriodicMillis = Long.MIN_VALUE;
    private long dropped;

    private static final class Entry {
        final long firstSeen;
        long lastSeen;
        Finding latest;
        /** When it was found missing; 0 while active. */
        long recoveredAt;

        Entry(long now) {
            this.firstSeen = now;
        }

        Finding annotated() {
            return latest.seen(Instant.ofEpochMilli(firstSeen), Instant.ofEpochMilli(lastSeen));
        }
    }

    FindingLog(long keepRecoveredMillis) {
        this.keepRecoveredMillis = keepRecoveredMillis;
    }

    /** Records one evaluation; returns its findings with their first and last times seen. */
    synchronized List<Finding> observe(long nowMillis, List<Finding> found) {
        Map<String, Finding> byKey = new LinkedHashMap<>();
        for (Finding f : found) {
            // Two findings of one evaluation with one key (no subject, no site) stay apart, in the rule's order.
            String key = f.key();
            for (int n = 2; byKey.containsKey(key); n++) {
                key = f.key() + "#" + n;
            }
            byKey.put(key, f);
        }
        for (Map.Entry<String, Entry> kv : entries.entrySet()) {
            if (kv.getValue().recoveredAt == 0 && !byKey.containsKey(kv.getKey())) {
                kv.getValue().recoveredAt = nowMillis;
            }
        }
        List<Finding> out = new ArrayList<>(byKey.size());
        for (Map.Entry<String, Finding> kv : byKey.entrySet()) {
            Entry e = entries.get(kv.getKey());
            if (e == null || e.recoveredAt != 0) {
                entries.remove(kv.getKey());
                e = new Entry(nowMillis);
                entries.put(kv.getKey(), e);
            }
            e.lastSeen = nowMillis;
            e.latest = kv.getValue();
            out.add(e.annotated());
        }
        prune(nowMillis);
        return out;
    }

    /**
     * The findings a report lists: every active one, then those that recovered since the last periodic
     * report (a periodic report) or within the last report interval (any other report).
     */
    synchronized List<Finding> forReport(long nowMillis, boolean periodic) {
        long recoveredSince = periodic && lastPeriodicMillis != Long.MIN_VALUE
                ? lastPeriodicMillis : nowMillis - keepRecoveredMillis;
        List<Finding> active = new ArrayList<>();
        List<Finding> recovered = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (e.recoveredAt == 0) {
                active.add(e.annotated());
            } else if (e.recoveredAt >= recoveredSince) {
                recovered.add(e.annotated().recovered());
            }
        }
        if (periodic) {
            lastPeriodicMillis = nowMillis;
        }
        active.addAll(recovered);
        return active;
    }

    synchronized Map<String, Object> metrics() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tracked", entries.size());
        m.put("dropped", dropped);
        return m;
    }

    private void prune(long nowMillis) {
        long keepSince = Math.min(nowMillis - keepRecoveredMillis,
                lastPeriodicMillis == Long.MIN_VALUE ? Long.MAX_VALUE : lastPeriodicMillis);
        entries.values().removeIf(e -> e.recoveredAt != 0 && e.recoveredAt < keepSince);
        if (entries.size() <= MAX_TRACKED) {
            return;
        }
        List<Map.Entry<String, Entry>> byAge = new ArrayList<>(entries.entrySet());
        byAge.sort(Comparator.<Map.Entry<String, Entry>>comparingInt(kv -> kv.getValue().recoveredAt == 0 ? 1 : 0)
                .thenComparingLong(kv -> kv.getValue().lastSeen));
        for (int i = 0; entries.size() > MAX_TRACKED; i++) {
            entries.remove(byAge.get(i).getKey());
            dropped++;
        }
    }
}
