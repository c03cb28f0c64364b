package io.sreagent.support;

import org.HdrHistogram.AtomicHistogram;
import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Latencies in microseconds, up to an hour (longer ones count as an hour), that many threads record
 * into without locking, summarised as count and percentiles (HdrHistogram, 2 significant digits). A
 * fixed-range {@link AtomicHistogram} costs two atomic increments per value, against four for the
 * auto-resizing concurrent one, and it sits on the application's hottest paths (every statement,
 * connection acquisition and HTTP call); its 26 KB are what the concurrent one grows to anyway once
 * it has seen microseconds and seconds.
 *
 * <p>The recent window costs the recording path nothing: at each evaluation {@link #tick} diffs the
 * running histogram against its copy from the previous tick and keeps that interval, encoded (a few
 * hundred bytes for a typical spread of latencies; nothing at all for an interval without values).
 * {@link #window} adds up the intervals that end inside the window: the same buckets, so no precision
 * is lost.
 */
public final class LatencyRecorder {
    static final long MAX_MICROS = 3_600_000_000L;
    private final AtomicHistogram histogram = new AtomicHistogram(MAX_MICROS, 2);
    /** Guarded by this: the running histogram at the last tick, and the intervals since, oldest first. */
    private Histogram atLastTick;
    private final ArrayDeque<Interval> intervals = new ArrayDeque<>();

    private record Interval(long endMillis, long count, byte[] encoded) {
        Histogram decode() {
            return Histogram.decodeFromByteBuffer(ByteBuffer.wrap(encoded), MAX_MICROS);
        }
    }

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

    /**
     * Closes the interval since the previous tick and forgets intervals that ended more than
     * {@code keepMillis} ago. Called by the evaluation thread; an interval without values costs one read.
     */
    public synchronized void tick(long nowMillis, long keepMillis) {
        while (!intervals.isEmpty() && intervals.peekFirst().endMillis() < nowMillis - keepMillis) {
            intervals.removeFirst();
        }
        long total = histogram.getTotalCount();
        long before = atLastTick == null ? 0 : atLastTick.getTotalCount();
        if (total == before) {
            return;
        }
        Histogram now = histogram.copy();
        Histogram interval = now.copy();
        if (atLastTick != null) {
            interval.subtract(atLastTick);
        }
        ByteBuffer buffer = ByteBuffer.allocate(interval.getNeededByteBufferCapacity());
        int length = interval.encodeIntoByteBuffer(buffer);
        byte[] encoded = new byte[length];
        buffer.flip();
        buffer.get(encoded);
        intervals.addLast(new Interval(nowMillis, interval.getTotalCount(), encoded));
        atLastTick = now;
    }

    /** The values recorded in the intervals that ended in the last {@code windowMillis} (up to the last tick). */
    public synchronized Histogram window(long nowMillis, long windowMillis) {
        Histogram sum = new Histogram(MAX_MICROS, 2);
        for (Interval i : intervals) {
            if (i.endMillis() > nowMillis - windowMillis) {
                sum.add(i.decode());
            }
        }
        return sum;
    }

    /** How many values the window holds, without decoding any interval. */
    public synchronized long windowCount(long nowMillis, long windowMillis) {
        long n = 0;
        for (Iterator<Interval> it = intervals.descendingIterator(); it.hasNext(); ) {
            Interval i = it.next();
            if (i.endMillis() <= nowMillis - windowMillis) {
                break;
            }
            n += i.count();
        }
        return n;
    }

    /** The running histogram's copy (everything since start). */
    public Histogram total() {
        return histogram.copy();
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
