package io.sreagent.support;

import org.HdrHistogram.AtomicHistogram;
import org.HdrHistogram.Histogram;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Latencies in microseconds, up to an hour (longer ones count as an hour), that many threads record
 * into without locking, summarised as count and percentiles (HdrHistogram, 2 significant digits). A
 * fixed-range {@link AtomicHistogram} costs two atomic increments per value, against four for the
 * auto-resizing concurrent one, and it sits on the application's hottest paths (every statement,
 * connection acquisition and HTTP call); its 26 KB are what the concurrent one grows to anyway once
 * it has seen microseconds and seconds.
 */
public final class LatencyRecorder {
    static final long MAX_MICROS = 3_600_000_000L;
    private final AtomicHistogram histogram = new AtomicHistogram(MAX_MICROS, 2);

    public void record(long micros) {
        histogram.recordValue(Math.max(0, Math.min(MAX_MICROS, micros)));
    }

    public long count() {
        return histogram.getTotalCount();
    }

    /** Values at the given percentiles (0..100), read from one consistent copy. */
    public long[] percentiles(double... percentiles) {
        Histogram copy = histogram.copy();
        long[] out = new long[percentiles.length];
        for (int i = 0; i < percentiles.length; i++) {
            out[i] = copy.getTotalCount() == 0 ? 0 : copy.getValueAtPercentile(percentiles[i]);
        }
        return out;
    }

    /** count, p50, p95, p99 and max, each value suffixed with the unit given (e.g. "Ms", "Micros"). */
    public Map<String, Object> summary(String unit) {
        return summary(histogram.copy(), unit);
    }

    /** The same summary of any histogram (a copy: reading it must not race with recording). */
    public static Map<String, Object> summary(Histogram copy, String unit) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", copy.getTotalCount());
        if (copy.getTotalCount() > 0) {
            m.put("p50" + unit, copy.getValueAtPercentile(50));
            m.put("p95" + unit, copy.getValueAtPercentile(95));
            m.put("p99" + unit, copy.getValueAtPercentile(99));
            m.put("max" + unit, copy.getMaxValue());
        }
        return m;
    }
}
