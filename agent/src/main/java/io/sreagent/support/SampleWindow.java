package io.sreagent.support;

import java.time.Duration;

/**
 * The most recent (time, value) samples of one signal, in a fixed ring: old samples fall off and are
 * counted, so memory stays bounded however long the JVM runs.
 */
public final class SampleWindow {
    private final long[] times;
    private final double[] values;
    private int next;
    private int size;
    private long dropped;

    public SampleWindow(int capacity) {
        times = new long[capacity];
        values = new double[capacity];
    }

    /** One sample per {@code every} over {@code window} (plus slack), capped so a tiny interval cannot grow memory. */
    public static int capacityFor(Duration window, Duration every) {
        return (int) Math.min(100_000, window.toMillis() / Math.max(1, every.toMillis()) + 16);
    }

    public synchronized void add(long timeMillis, double value) {
        if (size == times.length) {
            dropped++;
        } else {
            size++;
        }
        times[next] = timeMillis;
        values[next] = value;
        next = (next + 1) % times.length;
    }

    /** Samples taken at or after {@code fromMillis}, oldest first. */
    public synchronized Samples since(long fromMillis) {
        int start = (next - size + times.length) % times.length;
        int count = 0;
        for (int i = 0; i < size; i++) {
            if (times[(start + i) % times.length] >= fromMillis) {
                count++;
            }
        }
        long[] t = new long[count];
        double[] v = new double[count];
        int j = 0;
        for (int i = 0; i < size; i++) {
            int k = (start + i) % times.length;
            if (times[k] >= fromMillis) {
                t[j] = times[k];
                v[j++] = values[k];
            }
        }
        return new Samples(t, v);
    }

    /**
     * The samples of the last {@code windowMillis}, or null while the signal has not been watched for
     * that long: a rule must not judge a window it has only seen part of.
     */
    public Samples coveringLast(long nowMillis, long windowMillis) {
        long from = nowMillis - windowMillis;
        long oldest = oldestTime();
        return oldest < 0 || oldest > from ? null : since(from);
    }

    /** Time of the oldest sample still held, or -1. */
    public synchronized long oldestTime() {
        return size == 0 ? -1 : times[(next - size + times.length) % times.length];
    }

    public synchronized long dropped() {
        return dropped;
    }

    /** A copy of some samples, with the statistics the rules need. */
    public record Samples(long[] times, double[] values) {
        public int count() {
            return times.length;
        }

        public double min() {
            double m = Double.POSITIVE_INFINITY;
            for (double v : values) {
                m = Math.min(m, v);
            }
            return m;
        }

        /** The mean of the values, 0 when there are none. */
        public double mean() {
            double s = 0;
            for (double v : values) {
                s += v;
            }
            return values.length == 0 ? 0 : s / values.length;
        }

        public double first() {
            return values[0];
        }

        public double last() {
            return values[values.length - 1];
        }

        public long spanMillis() {
            return times.length < 2 ? 0 : times[times.length - 1] - times[0];
        }

        /** Least-squares slope in value units per minute. */
        public double slopePerMinute() {
            return fit()[0] * 60_000.0;
        }

        /** Pearson correlation of value with time: near 1 for a steady rise, near 0 for noise. */
        public double correlation() {
            return fit()[1];
        }

        private double[] fit() {
            int n = times.length;
            if (n < 2) {
                return new double[]{0, 0};
            }
            double mt = 0;
            double mv = 0;
            for (int i = 0; i < n; i++) {
                mt += times[i] - times[0];
                mv += values[i];
            }
            mt /= n;
            mv /= n;
            double stt = 0;
            double svv = 0;
            double stv = 0;
            for (int i = 0; i < n; i++) {
                double dt = times[i] - times[0] - mt;
                double dv = values[i] - mv;
                stt += dt * dt;
                svv += dv * dv;
                stv += dt * dv;
            }
            double slope = stt == 0 ? 0 : stv / stt;
            double r = stt == 0 || svv == 0 ? 0 : stv / Math.sqrt(stt * svv);
            return new double[]{slope, r};
        }
    }
}
