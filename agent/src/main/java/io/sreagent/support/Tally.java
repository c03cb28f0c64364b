package io.sreagent.support;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sums (or counts) per key for at most {@code capacity} keys, safe for many writers; an amount for a
 * new key past the capacity is counted in {@link #dropped()} instead. Each key can keep one example,
 * the first one offered (the site where an exception type was first seen, say).
 */
public final class Tally<K> {
    private final int capacity;
    private final ConcurrentHashMap<K, LongAdder> sums = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<K, Object> examples = new ConcurrentHashMap<>();
    private final LongAdder dropped = new LongAdder();

    public Tally(int capacity) {
        this.capacity = capacity;
    }

    /** For merging bounded tallies into one short-lived window. */
    public static <K> Tally<K> unbounded() {
        return new Tally<>(Integer.MAX_VALUE);
    }

    /** Adds {@code amount} to {@code key}; false (and dropped) when the key is new and the tally is full. */
    public boolean add(K key, long amount) {
        return add(key, amount, null);
    }

    public boolean add(K key, long amount, Object example) {
        LongAdder sum = sums.get(key);
        if (sum == null) {
            if (sums.size() >= capacity) {
                dropped.add(amount);
                return false;
            }
            sum = sums.computeIfAbsent(key, k -> new LongAdder());
        }
        sum.add(amount);
        if (example != null) {
            examples.putIfAbsent(key, example);
        }
        return true;
    }

    /** Adds every sum, example and drop of {@code other} into this one. */
    public void addAll(Tally<K> other) {
        other.sums.forEach((k, v) -> add(k, v.sum(), other.examples.get(k)));
        dropped.add(other.dropped.sum());
    }

    /** The sum of {@code key}, 0 when it was never added. */
    public long get(K key) {
        LongAdder sum = sums.get(key);
        return sum == null ? 0 : sum.sum();
    }

    /** What was not added because the tally was full. */
    public long dropped() {
        return dropped.sum();
    }

    public boolean isEmpty() {
        return sums.isEmpty();
    }

    /** Keys held. */
    public int size() {
        return sums.size();
    }

    /** Keys by descending sum (ties by key text, so output is stable), at most {@code limit}. */
    public List<Map.Entry<K, Long>> top(int limit) {
        return sums.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue().sum()))
                .sorted(Map.Entry.<K, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(e -> String.valueOf(e.getKey())))
                .limit(limit)
                .toList();
    }

    /** The key with the largest sum, or null when empty. */
    public K topKey() {
        List<Map.Entry<K, Long>> top = top(1);
        return top.isEmpty() ? null : top.get(0).getKey();
    }

    /** The largest sums by key text, largest first, as reports show them. */
    public Map<String, Long> asMap(int limit) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (Map.Entry<K, Long> e : top(limit)) {
            m.put(String.valueOf(e.getKey()), e.getValue());
        }
        return m;
    }

    /** The first example offered with {@code key}, or null. */
    @SuppressWarnings("unchecked")
    public <E> E example(K key) {
        return (E) examples.get(key);
    }
}
