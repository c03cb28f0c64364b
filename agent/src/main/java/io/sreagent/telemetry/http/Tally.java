package io.sreagent.telemetry.http;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts (or sums) per key for at most {@code capacity} keys; what does not fit is counted in
 * {@link #dropped()}. Each key can keep one example (the first one offered), e.g. a site.
 */
public final class Tally<E> {
    private final int capacity;
    private final ConcurrentHashMap<String, LongAdder> sums = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, E> examples = new ConcurrentHashMap<>();
    private final AtomicLong dropped = new AtomicLong();

    public Tally(int capacity) {
        this.capacity = capacity;
    }

    public void add(String key, long amount, E example) {
        LongAdder sum = sums.get(key);
        if (sum == null) {
            if (sums.size() >= capacity) {
                dropped.addAndGet(amount);
                return;
            }
            sum = sums.computeIfAbsent(key, k -> new LongAdder());
        }
        sum.add(amount);
        if (example != null) {
            examples.putIfAbsent(key, example);
        }
    }

    public long dropped() {
        return dropped.get();
    }

    public boolean isEmpty() {
        return sums.isEmpty();
    }

    /** Keys by descending sum. */
    public List<Map.Entry<String, Long>> top(int limit) {
        return sums.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue().sum()))
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .limit(limit)
                .toList();
    }

    public Map<String, Long> asMap(int limit) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : top(limit)) {
            m.put(e.getKey(), e.getValue());
        }
        return m;
    }

    public E example(String key) {
        return examples.get(key);
    }
}
