package io.sreagent.feature.jfr;

import io.sreagent.support.SampleWindow;

/**
 * {@code metrics.jfr} shows the last minute of each signal (its keys say so): where that minute
 * starts, and the mean of a signal's samples in it.
 */
final class LastMinute {
    static final long MILLIS = 60_000;

    private LastMinute() {
    }

    static long start(long nowMillis) {
        return nowMillis - MILLIS;
    }

    /** The mean of {@code samples}, 0 when there are none. */
    static double mean(SampleWindow.Samples samples) {
        double s = 0;
        for (double v : samples.values()) {
            s += v;
        }
        return samples.count() == 0 ? 0 : s / samples.count();
    }
}
