package io.sreagent.feature.memory;

import io.sreagent.support.SampleWindow;

/**
 * Heap used after each collection, as (time, MB) points: the evidence the fast memory-growth verdicts
 * fit a line to. Collections closer together than {@link #BUCKET_MILLIS} share one point, the lowest
 * of them, so a JVM collecting many times a second keeps the same bounded ring covering minutes, and
 * a young collection right after a full one cannot hide what the full one freed.
 */
final class AfterGcPoints {
    static final long BUCKET_MILLIS = 2_000;
    /** 2 s points: at least 34 minutes, far more than the fast verdicts' windows. */
    static final int CAPACITY = 1024;

    private final long[] times = new long[CAPACITY];
    private final double[] values = new double[CAPACITY];
    private int next;
    private int size;
    private long dropped;

    synchronized void add(long timeMillis, double usedMb) {
        if (size > 0) {
            int last = (next - 1 + CAPACITY) % CAPACITY;
            if (timeMillis - times[last] < BUCKET_MILLIS) {
                values[last] = Math.min(values[last], usedMb);
                return;
            }
        }
        if (size == CAPACITY) {
            dropped++;
        } else {
            size++;
        }
        times[next] = timeMillis;
        values[next] = usedMb;
        next = (next + 1) % CAPACITY;
    }

    /** The points at or after {@code fromMillis}, oldest first. */
    synchronized SampleWindow.Samples since(long fromMillis) {
        int start = (next - size + CAPACITY) % CAPACITY;
        int skip = 0;
        while (skip < size && times[(start + skip) % CAPACITY] < fromMillis) {
            skip++;
        }
        long[] t = new long[size - skip];
        double[] v = new double[size - skip];
        for (int i = 0; i < t.length; i++) {
            int k = (start + skip + i) % CAPACITY;
            t[i] = times[k];
            v[i] = values[k];
        }
        return new SampleWindow.Samples(t, v);
    }

    synchronized long dropped() {
        return dropped;
    }
}
