package io.sreagent.support;

import java.util.ArrayDeque;

/**
 * Recent sums of a few running counters (status classes, errors, time-outs): at each tick the
 * increase since the previous tick is kept as one interval, and {@link #sum} adds up the intervals
 * that ended inside a window. The counters themselves stay plain adders on the recording path.
 * Not thread-safe: ticked and read under its owner's lock or by the evaluation thread.
 */
public final class CounterWindow {
    private final long[] atLastTick;
    private final ArrayDeque<long[]> intervals = new ArrayDeque<>();
    private final ArrayDeque<Long> ends = new ArrayDeque<>();

    public CounterWindow(int counters) {
        this.atLastTick = new long[counters];
    }

    /** {@code totals}: the counters' running values now, in a fixed order. */
    public synchronized void tick(long nowMillis, long keepMillis, long... totals) {
        while (!ends.isEmpty() && ends.peekFirst() < nowMillis - keepMillis) {
            ends.removeFirst();
            intervals.removeFirst();
        }
        long[] delta = new long[atLastTick.length];
        boolean any = false;
        for (int i = 0; i < delta.length; i++) {
            delta[i] = totals[i] - atLastTick[i];
            any |= delta[i] != 0;
            atLastTick[i] = totals[i];
        }
        if (any) {
            intervals.addLast(delta);
            ends.addLast(nowMillis);
        }
    }

    /** Each counter's increase over the intervals that ended in the last {@code windowMillis}. */
    public synchronized long[] sum(long nowMillis, long windowMillis) {
        long[] out = new long[atLastTick.length];
        var endIt = ends.iterator();
        for (long[] delta : intervals) {
            if (endIt.next() > nowMillis - windowMillis) {
                for (int i = 0; i < out.length; i++) {
                    out[i] += delta[i];
                }
            }
        }
        return out;
    }
}
