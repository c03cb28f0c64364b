package io.sreagent.telemetry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Helpers for bounded counting maps: a new key past the cap is dropped (and counted by the caller). */
public final class Counts {
    private Counts() {
    }

    /** Adds {@code by} to {@code key}; false when the key is new and the map is full. */
    public static <K> boolean add(Map<K, Long> map, K key, long by, int cap) {
        Long old = map.get(key);
        if (old == null && map.size() >= cap) {
            return false;
        }
        map.put(key, old == null ? by : old + by);
        return true;
    }

    /** Adds every entry of {@code from} into {@code into} (unbounded: merged windows are short-lived). */
    public static <K> void addAll(Map<K, Long> into, Map<K, Long> from) {
        from.forEach((k, v) -> into.merge(k, v, Long::sum));
    }

    public static <K> void addAllNested(Map<String, Map<K, Long>> into, Map<String, Map<K, Long>> from) {
        from.forEach((k, inner) -> addAll(into.computeIfAbsent(k, x -> new HashMap<>()), inner));
    }

    /** The {@code n} largest entries, largest first (ties by key text, so output is stable). */
    public static <K> List<Map.Entry<K, Long>> top(Map<K, Long> map, int n) {
        List<Map.Entry<K, Long>> all = new ArrayList<>(map.entrySet());
        all.sort(Comparator.<Map.Entry<K, Long>>comparingLong(Map.Entry::getValue).reversed()
                .thenComparing(e -> String.valueOf(e.getKey())));
        return all.size() > n ? all.subList(0, n) : all;
    }

    public static <K> K topKey(Map<K, Long> map) {
        List<Map.Entry<K, Long>> t = top(map, 1);
        return t.isEmpty() ? null : t.get(0).getKey();
    }
}
