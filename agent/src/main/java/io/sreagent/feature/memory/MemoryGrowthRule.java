package io.sreagent.feature.memory;

import io.sreagent.core.Rule;
import io.sreagent.report.Finding;
import io.sreagent.report.Format;
import io.sreagent.report.Severity;
import io.sreagent.support.SampleWindow;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@code memory-growth}: heap used after GC rose steadily over the whole window: the least-squares
 * slope adds up to at least {@code growthPercent} of the maximum heap over the window, and the rise is
 * steady (correlation with time at least {@link #MIN_CORRELATION}), not a saw-tooth that happens to
 * end high. Critical when, at that slope, the heap is full within {@link #CRITICAL_FILL_MINUTES}.
 */
public final class MemoryGrowthRule implements Rule {
    static final double MIN_CORRELATION = 0.8;
    static final int MIN_SAMPLES = 5;
    static final double CRITICAL_FILL_MINUTES = 30;

    /** Heap used after GC in MB, one reading per evaluation. */
    private final SampleWindow usedMb;
    private final double growthPercent;
    private final Duration window;
    private final long maxHeapBytes;
    private final Supplier<ClassGrowth> classGrowth;

    /** The classes that grew most, from two class histograms, or why there is no such list. */
    public record ClassGrowth(List<ClassHistogram.Growth> classes, long secondsBetween, String note) {
    }

    public MemoryGrowthRule(SampleWindow usedMb, double growthPercent, Duration window, long maxHeapBytes,
                            Supplier<ClassGrowth> classGrowth) {
        this.usedMb = usedMb;
        this.growthPercent = growthPercent;
        this.window = window;
        this.maxHeapBytes = maxHeapBytes;
        this.classGrowth = classGrowth;
    }

    /** The growth over the window in MB when it is significant and sustained; NaN otherwise. */
    public double significantGrowthMb(long nowMillis) {
        SampleWindow.Samples s = usedMb.coveringLast(nowMillis, window.toMillis());
        if (s == null || s.count() < MIN_SAMPLES) {
            return Double.NaN;
        }
        double growthMb = s.slopePerMinute() * window.toMillis() / 60_000.0;
        double maxMb = maxHeapBytes / (double) (1 << 20);
        if (growthMb < growthPercent / 100.0 * maxMb || s.correlation() < MIN_CORRELATION || s.last() <= s.first()) {
            return Double.NaN;
        }
        return growthMb;
    }

    @Override
    public void evaluate(long nowMillis, List<Finding> out) {
        double growthMb = significantGrowthMb(nowMillis);
        if (Double.isNaN(growthMb)) {
            return;
        }
        SampleWindow.Samples s = usedMb.since(nowMillis - window.toMillis());
        double slope = s.slopePerMinute();
        double maxMb = maxHeapBytes / (double) (1 << 20);
        double minutesToFull = (maxMb - s.last()) / slope;
        Severity severity = minutesToFull <= CRITICAL_FILL_MINUTES ? Severity.CRITICAL : Severity.WARNING;
        Finding f = new Finding("memory-growth", severity, String.format(Locale.ROOT,
                "heap used after GC grew %.0f MB over the last %s (%.1f MB/min, steady: r=%.2f); full in about %.0f min at this rate",
                growthMb, Format.duration(window), slope, s.correlation(), Math.max(0, minutesToFull)))
                .evidence("growthMb", Format.oneDecimal(growthMb))
                .evidence("slopeMbPerMinute", Format.oneDecimal(slope))
                .evidence("correlation", Math.round(s.correlation() * 100) / 100.0)
                .evidence("usedAfterGcMbFirst", Format.oneDecimal(s.first()))
                .evidence("usedAfterGcMbNow", Format.oneDecimal(s.last()))
                .evidence("maxHeapMb", maxHeapBytes >> 20)
                .evidence("minutesToFull", Math.round(Math.max(0, minutesToFull)))
                .evidence("thresholdPercentOfMaxPerWindow", growthPercent)
                .evidence("windowSeconds", window.toSeconds())
                .evidence("samples", s.count());
        ClassGrowth grown = classGrowth.get();
        if (grown != null) {
            if (!grown.classes().isEmpty()) {
                f.evidence("grownClasses", grown.classes().stream().map(ClassHistogram.Growth::toMap).toList());
                f.evidence("histogramSecondsApart", grown.secondsBetween());
            }
            if (grown.note() != null) {
                f.evidence("classHistogram", grown.note());
            }
        }
        out.add(f.advice("Something keeps objects reachable: the classes above grew most between two class histograms; find who holds them (a static map, a cache without bound, listeners never removed, a ThreadLocal).")
                .advice("Bound caches by size and age (or use a real cache library), remove listeners, clear ThreadLocals in finally blocks.")
                .advice("For the reference chains, take a heap dump: java -jar sre-agent.jar heapdump <pid>, and open it in Eclipse MAT (dominator tree)."));
    }
}
