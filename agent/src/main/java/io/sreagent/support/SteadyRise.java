package io.sreagent.support;

/**
 * Whether a count rose steadily over a run of samples, the evidence a leak leaves and a warm-up does
 * not: the rise must be a strong linear trend (correlation with time), and the later half of the
 * samples must have gained too, so one step up (a server opening its pools, listeners registered at
 * start-up) followed by a plateau is not a rise.
 */
public final class SteadyRise {
    public static final double MIN_CORRELATION = 0.8;

    private SteadyRise() {
    }

    /**
     * True when the samples rose by {@code minGrowth} or more with correlation at least
     * {@link #MIN_CORRELATION}, and the later half gained at least a quarter of the whole rise.
     */
    public static boolean of(SampleWindow.Samples s, double minGrowth) {
        if (s == null || s.count() < 3) {
            return false;
        }
        double growth = s.last() - s.first();
        if (growth < minGrowth || growth <= 0 || s.correlation() < MIN_CORRELATION) {
            return false;
        }
        double[] v = s.values();
        double middle = v[(v.length - 1) / 2];
        return s.last() - middle >= growth / 4;
    }
}
