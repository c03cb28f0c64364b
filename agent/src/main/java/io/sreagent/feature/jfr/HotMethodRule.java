package io.sreagent.feature.jfr;

import io.sreagent.core.Rule;
import io.sreagent.report.Finding;
import io.sreagent.report.Format;
import io.sreagent.report.Severity;
import io.sreagent.report.Site;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code hot-method}: one method, or one well-known culprit (regex backtracking, JSON, string
 * concatenation, reflection), holds most of the execution samples of the window. It is a warning only
 * when the samples show real load (at least {@code busyCores} cores' worth of running Java code on
 * average); a method that dominates an idle JVM is reported as info.
 */
public final class HotMethodRule implements Rule {
    /** Fewer samples in the window than this judge nothing: a share of a handful is noise. */
    public static final long MIN_SAMPLES = 50;

    private final ExecutionProfile profile;
    private final Duration window;
    private final double sharePercent;
    private final double busyCores;
    private final long samplePeriodMillis;

    public HotMethodRule(ExecutionProfile profile, Duration window, double sharePercent, double busyCores, long samplePeriodMillis) {
        this.profile = profile;
        this.window = window;
        this.sharePercent = sharePercent;
        this.busyCores = busyCores;
        this.samplePeriodMillis = samplePeriodMillis;
    }

    @Override
    public void evaluate(long nowMillis, List<Finding> out) {
        ExecutionProfile.Tick w = profile.since(nowMillis - window.toMillis());
        long total = w.samples();
        if (total < MIN_SAMPLES || w.spanMillis() <= 0) {
            return;
        }
        String culpritName = w.culprits().topKey();
        Culprit culprit = null;
        String key;
        long hits;
        String method;
        if (culpritName != null && w.culprits().get(culpritName) * 100.0 / total >= sharePercent) {
            culprit = Culprit.valueOf(culpritName);
            key = culpritName;
            hits = w.culprits().get(culpritName);
            method = w.culpritMethods(culpritName).topKey();
        } else {
            method = w.methods().topKey();
            if (method == null || w.methods().get(method) * 100.0 / total < sharePercent) {
                return;
            }
            key = method;
            hits = w.methods().get(method);
        }
        double share = 100.0 * hits / total;
        // Each sample stands for one thread running for one sampling period.
        double cores = (double) hits * samplePeriodMillis / w.spanMillis();
        Severity severity = cores >= busyCores ? Severity.WARNING : Severity.INFO;
        Site site = w.sites(key).topKey();
        String what = culprit != null ? culprit.label() + " (hottest frame " + method + ")" : method;
        Finding f = new Finding("hot-method", severity, String.format(Locale.ROOT,
                "%s holds %.0f%% of the CPU samples over the last %s, about %.1f cores busy",
                what, share, Format.duration(window), cores))
                .subject(method)
                .evidence("method", method)
                .evidence("culprit", culprit == null ? null : culprit.label())
                .evidence("samples", hits)
                .evidence("totalSamples", total)
                .evidence("sharePercent", Format.oneDecimal(share))
                .evidence("busyCores", Format.oneDecimal(cores))
                .evidence("thresholdSharePercent", sharePercent)
                .evidence("windowSeconds", window.toSeconds())
                .evidence("topMethods", topMethods(w, total));
        if (site != null) {
            f.site(site);
        }
        f.stack(hottestStack(w, method));
        if (culprit != null) {
            f.advice(culprit.explanation()).advice(culprit.advice());
        } else {
            f.advice("Look at what " + method + " does per call and how often it is called from the site above: cache results, do less work per request, or move it off the request path.");
        }
        f.advice("Collapsed stacks of the window are in metrics.jfr.profile.topStacks (flame-graph format); a threshold report also saves the JFR recording.");
        out.add(f);
    }

    private static List<String> topMethods(ExecutionProfile.Tick w, long total) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Long> e : w.methods().top(5)) {
            out.add(String.format(Locale.ROOT, "%s %.1f%%", e.getKey(), 100.0 * e.getValue() / total));
        }
        return out;
    }

    /** The most frequent collapsed stack ending in the method, innermost frame first. */
    private static List<String> hottestStack(ExecutionProfile.Tick w, String method) {
        for (Map.Entry<String, Long> e : w.stacks().top(Integer.MAX_VALUE)) {
            String[] frames = e.getKey().split(";");
            if (frames[frames.length - 1].equals(method)) {
                List<String> stack = new ArrayList<>();
                for (int i = frames.length - 1; i >= 0 && stack.size() < 24; i--) {
                    stack.add(frames[i]);
                }
                return stack;
            }
        }
        return List.of();
    }
}
