package io.sreagent.feature.memory;

import io.sreagent.support.SampleWindow;

/**
 * Whether after-GC points show a leak's shape rather than warm-up: enough points over most of the
 * window, a steady line (correlation), a rise spread over most of the points rather than a burst, that
 * still goes on in the latest half, with no single jump carrying much of it. A cache that fills and
 * flattens fails the "still going" test once full, and while it fills a burst shorter than about
 * {@value #MIN_RISING_SHARE} of the window fails the "spread" test; a one-off load fails the jump
 * test; a saw-tooth fails the correlation.
 */
final class HeapTrend {
    static final int MIN_POINTS = 6;
    static final double MIN_CORRELATION = 0.9;
    /** The points must span this share of the window judged. */
    static final double MIN_SPAN = 0.6;
    /** The latest half of the points must rise at this share of the whole line's slope. */
    static final double LATE_SLOPE_SHARE = 0.6;
    /** At least this share of neighbouring points must rise, each by more than {@link #RISING_STEP_SHARE} of the mean step. */
    static final double MIN_RISING_SHARE = 0.6;
    static final double RISING_STEP_SHARE = 0.3;
    /** No rise between two neighbouring points may carry more than this share of the whole rise. */
    static final double MAX_JUMP_SHARE = 0.4;

    static final int SUSPECT_POINTS = 4;
    static final double SUSPECT_CORRELATION = 0.7;

    private HeapTrend() {
    }

    /** A steady rise, with what it means for the heap. */
    record Rise(double slopeMbPerMinute, double correlation, double usedAfterGcMb, double maxMb, double minutesToFull,
                int points, long spanMillis) {
    }

    /** The rise the points show over {@code windowMillis}, or null when they show no leak's shape. */
    static Rise judge(SampleWindow.Samples s, long windowMillis, double maxMb) {
        int n = s.count();
        if (n < MIN_POINTS || s.spanMillis() < MIN_SPAN * windowMillis) {
            return null;
        }
        double slope = s.slopePerMinute();
        double r = s.correlation();
        if (slope <= 0 || r < MIN_CORRELATION) {
            return null;
        }
        if (slice(s, n / 2, n).slopePerMinute() < LATE_SLOPE_SHARE * slope) {
            return null;
        }
        double rise = slope * s.spanMillis() / 60_000.0;
        int rising = 0;
        for (int i = 1; i < n; i++) {
            double step = s.values()[i] - s.values()[i - 1];
            if (step > MAX_JUMP_SHARE * rise) {
                return null;
            }
            if (step > RISING_STEP_SHARE * rise / (n - 1)) {
                rising++;
            }
        }
        if (rising < MIN_RISING_SHARE * (n - 1)) {
            return null;
        }
        double used = s.last();
        return new Rise(slope, r, used, maxMb, Math.max(0, (maxMb - used) / slope), n, s.spanMillis());
    }

    /** A looser look: the points lean upwards, enough to start gathering a site before the verdict. */
    static boolean suspect(SampleWindow.Samples s) {
        return s.count() >= SUSPECT_POINTS && s.slopePerMinute() > 0 && s.correlation() >= SUSPECT_CORRELATION;
    }

    private static SampleWindow.Samples slice(SampleWindow.Samples s, int from, int to) {
        long[] t = new long[to - from];
        double[] v = new double[to - from];
        System.arraycopy(s.times(), from, t, 0, t.length);
        System.arraycopy(s.values(), from, v, 0, v.length);
        return new SampleWindow.Samples(t, v);
    }
}
