package io.sreagent.feature.memory;

import io.sreagent.core.Rule;
import io.sreagent.report.Finding;
import io.sreagent.report.Format;
import io.sreagent.report.Severity;
import io.sreagent.support.SampleWindow;

import java.time.Duration;
import java.util.List;

/**
 * {@code heap-pressure}: heap used after GC stayed above the threshold share of the maximum for the
 * whole window. Collections then free little, run more often, and OutOfMemoryError comes next.
 */
public final class HeapPressureRule implements Rule {
    static final double CRITICAL_PERCENT = 95;

    private final SampleWindow afterGcPercent;
    private final double thresholdPercent;
    private final Duration window;
    private final long maxHeapBytes;

    public HeapPressureRule(SampleWindow afterGcPercent, double thresholdPercent, Duration window, long maxHeapBytes) {
        this.afterGcPercent = afterGcPercent;
        this.thresholdPercent = thresholdPercent;
        this.window = window;
        this.maxHeapBytes = maxHeapBytes;
    }

    @Override
    public void evaluate(long nowMillis, List<Finding> out) {
        SampleWindow.Samples s = afterGcPercent.coveringLast(nowMillis, window.toMillis());
        if (s == null || s.count() < 2 || s.min() < thresholdPercent) {
            return;
        }
        double lowest = s.min();
        Severity severity = lowest >= Math.max(CRITICAL_PERCENT, thresholdPercent) ? Severity.CRITICAL : Severity.WARNING;
        out.add(new Finding("heap-pressure", severity, String.format(java.util.Locale.ROOT,
                "heap used after GC stayed above %.0f%% of the maximum for %s (lowest %.1f%%, now %.1f%%)",
                thresholdPercent, Format.duration(window), lowest, s.last()))
                .evidence("usedAfterGcPercentNow", s.last())
                .evidence("usedAfterGcPercentLowest", lowest)
                .evidence("usedAfterGcMbNow", Math.round(s.last() * maxHeapBytes / 100.0 / (1 << 20)))
                .evidence("maxHeapMb", maxHeapBytes >> 20)
                .evidence("thresholdPercent", thresholdPercent)
                .evidence("windowSeconds", window.toSeconds())
                .evidence("samples", s.count())
                .advice("The live set nearly fills the heap: take a heap dump (jcmd <pid> GC.heap_dump /tmp/heap.hprof) and look at the biggest retainers.")
                .advice("Look for unbounded caches and collections that only grow; bound them (size or time) or use weak references.")
                .advice("If the live set is legitimately this big, raise -Xmx (and the container memory limit with it), keeping heap under 80 % of the limit."));
    }
}
