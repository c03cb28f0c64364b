package io.sreagent.it.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Per-round ratios of one side to another: their median with a bootstrap 95 % confidence interval,
 * and a sign test (how many rounds came out above 1, and how likely that many or a more lopsided
 * count is if the sides do not differ).
 */
record PairedRatios(String name, double[] ratios) {
    private static final int RESAMPLES = 10_000;

    static PairedRatios of(String name, List<Double> ratios) {
        return new PairedRatios(name, ratios.stream().mapToDouble(Double::doubleValue).toArray());
    }

    double median() {
        return median(ratios.clone());
    }

    /** The 2.5th and 97.5th percentiles of the medians of resampled rounds (fixed seed: reruns print the same). */
    double[] confidence95() {
        SplittableRandom random = new SplittableRandom(42);
        double[] medians = new double[RESAMPLES];
        double[] sample = new double[ratios.length];
        for (int r = 0; r < RESAMPLES; r++) {
            for (int i = 0; i < sample.length; i++) {
                sample[i] = ratios[random.nextInt(ratios.length)];
            }
            medians[r] = median(sample);
        }
        Arrays.sort(medians);
        return new double[]{medians[(int) (0.025 * RESAMPLES)], medians[(int) (0.975 * RESAMPLES) - 1]};
    }

    long above() {
        return Arrays.stream(ratios).filter(r -> r > 1).count();
    }

    /** Two-sided sign-test p-value of the rounds above and below 1 (ties left out). */
    double signTestP() {
        long up = above();
        long down = Arrays.stream(ratios).filter(r -> r < 1).count();
        long n = up + down;
        long k = Math.min(up, down);
        double p = 0;
        for (long i = 0; i <= k; i++) {
            p += Math.exp(logChoose(n, i) - n * Math.log(2));
        }
        return Math.min(1, 2 * p);
    }

    private static double logChoose(long n, long k) {
        double s = 0;
        for (long i = 1; i <= k; i++) {
            s += Math.log(n - k + i) - Math.log(i);
        }
        return s;
    }

    private static double median(double[] values) {
        Arrays.sort(values);
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    @Override
    public String toString() {
        double[] ci = confidence95();
        return String.format(Locale.ROOT, "%s: median %+.2f %% (95 %% CI %+.2f to %+.2f %%), %d of %d rounds above, sign test p=%.3f",
                name, pct(median()), pct(ci[0]), pct(ci[1]), above(), ratios.length, signTestP());
    }

    private static double pct(double ratio) {
        return 100 * (ratio - 1);
    }
}
