package io.sreagent.feature.jfr;

import io.sreagent.core.Rule;
import io.sreagent.report.Finding;
import io.sreagent.report.Format;
import io.sreagent.report.Severity;
import io.sreagent.support.SampleWindow;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code gc-pressure}: the JVM spent more than the threshold share of wall time in GC pauses over the
 * window, time the application's threads stood still.
 */
public final class GcPressureRule implements Rule {
    static final double CRITICAL_PERCENT = 25;

    /** One reading per evaluation: pause time as a percentage of the interval. */
    private final SampleWindow pausePercent;
    private final double thresholdPercent;
    private final Duration window;

    public GcPressureRule(SampleWindow pausePercent, double thresholdPercent, Duration window) {
        this.pausePercent = pausePercent;
        this.thresholdPercent = thresholdPercent;
        this.window = window;
    }

    @Override
    public void evaluate(long nowMillis, List<Finding> out) {
        SampleWindow.Samples s = pausePercent.coveringLast(nowMillis, window.toMillis());
        if (s == null || s.count() < 2) {
            return;
        }
        double sum = 0;
        double max = 0;
        for (double v : s.values()) {
            sum += v;
            max = Math.max(max, v);
        }
        double mean = sum / s.count();
        if (mean < thresholdPercent) {
            return;
        }
        Severity severity = mean >= Math.max(CRITICAL_PERCENT, thresholdPercent) ? Severity.CRITICAL : Severity.WARNING;
        out.add(new Finding("gc-pressure", severity, String.format(Locale.ROOT,
                "GC pauses took %.1f%% of wall time over the last %s (threshold %.0f%%)",
                mean, Format.duration(window), thresholdPercent))
                .evidence("gcPausePercent", Format.oneDecimal(mean))
                .evidence("gcPausePercentWorstInterval", Format.oneDecimal(max))
                .evidence("thresholdPercent", thresholdPercent)
                .evidence("windowSeconds", window.toSeconds())
                .evidence("intervals", s.count())
                .advice("Check heap-pressure and memory-growth: a nearly full heap makes every collection free little and run often.")
                .advice("Reduce allocation: metrics.jfr.allocation lists the classes allocated most.")
                .advice("If the live set is legitimately large, give the heap more room (-Xmx) or try a low-pause collector (ZGC, Shenandoah)."));
    }
}
