package io.sreagent.telemetry;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A latency histogram that many threads record into without locking (HdrHistogram, 2 significant
 * digits, auto-resizing), summarised as count and percentiles.
 */
public final class LatencyRecorder {
    private final Histogram histogram = new ConcurrentHistogram(2);

    public LatencyRecorder() {
        histogram.setAutoResize(true);
    }

    public void record(long value) {
        histogram.recordValue(Math.max(0, value));
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
