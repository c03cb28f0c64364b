package io.sreagent.it.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Per-round ratios of one side to another: their median with a bootstrap 95 % confidence interval,
 * and a sign test (how many rounds came out above 1, and how likely that many or a more lopsided
 * count is if the sides do not differ). Rounds measured on different sets of JVMs ({@code set}, one
 * per round) are resampled in two stages, the sets and then the rounds within each, so that what a
 * set of JVMs differs by for its whole life widens the interval instead of hiding in it.
 */
record PairedRatios(String name, double[] ratios, int[] set) {
    private static final int RESAMPLES = 10_000;

    double median() {
        return median(ratios.clone());
    }

    /** The 2.5th and 97.5th percentiles of the medians of resampled rounds (fixed seed: reruns print the same). */
    double[] confidence95() {
        double[][] bySet = bySet();
        SplittableRandom random = new SplittableRandom(42);
        double[] medians = new double[RESAMPLES];
        for (int r = 0; r < RESAMPLES; r++) {
            List<Double> sample = new ArrayList<>(ratios.length);
            for (int s = 0; s < bySet.length; s++) {
                double[] rounds = bySet[random.nextInt(bySet.length)];
                for (int i = 0; i < rounds.length; i++) {
                    sample.add(rounds[random.nextInt(rounds.length)]);
                }
            }
            medians[r] = median(sample.stream().mapToDouble(Double::doubleValue).toArray());
        }
        Arrays.sort(medians);
        return new double[]{medians[(int) (0.025 * RESAMPLES)], medians[(int) (0.975 * RESAMPLES) - 1]};
    }

    /** The rounds of each set of JVMs, in set order. */
    private double[][] bySet() {
        int sets = Arrays.stream(set).max().orElse(0) + 1;
        double[][] out = new double[sets][];
        for (int s = 0; s < sets; s++) {
            int one = s;
            out[s] = IntStream.range(0, ratios.length).filter(i -> set[i] == one).mapToDouble(i -> ratios[i]).toArray();
        }
        return out;
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
        double[][] bySet = bySet();
        String perSet = bySet.length < 2 ? "" : "; per JVM set " + Arrays.stream(bySet)
                .map(rounds -> String.format(Locale.ROOT, "%+.1f", pct(median(rounds.clone())))).collect(Collectors.joining(", ")) + " %";
        return String.format(Locale.ROOT, "%s: median %+.2f %% (95 %% CI %+.2f to %+.2f %%), %d of %d rounds above, sign test p=%.3f%s",
                name, pct(median()), pct(ci[0]), pct(ci[1]), above(), ratios.length, signTestP(), perSet);
    }

    private static double pct(double ratio) {
        return 100 * (ratio - 1);
    }
}
