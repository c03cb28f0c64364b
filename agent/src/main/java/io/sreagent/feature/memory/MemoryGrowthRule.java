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
 * {@code memory-growth}, judged two ways on heap used after GC:
 * <ul>
 *   <li>by time to full, fast: every collection's after-GC point over the recent window ({@code window},
 *       2 min) and its first half; a steady rise ({@link HeapTrend}) that fills the maximum heap within
 *       {@link #SOON_FILL_MINUTES} over the half window, or within {@link #CRITICAL_FILL_MINUTES} over the
 *       whole one, is critical at once; not judged in the JVM's first {@code window} (start-up);</li>
 *   <li>by size, slow: one reading per evaluation over {@code memory.window}; a least-squares slope that
 *       adds up to {@code growthPercent} of the maximum over that window, steady (correlation at least
 *       {@link #MIN_CORRELATION}) is a warning, critical when the heap is full within
 *       {@link #CRITICAL_FILL_MINUTES}.</li>
 * </ul>
 * The subject is the heap; the site, when known, is the code that allocated the surviving objects.
 */
public final class MemoryGrowthRule implements Rule {
    static final double MIN_CORRELATION = 0.8;
    static final int MIN_SAMPLES = 5;
    static final double CRITICAL_FILL_MINUTES = 30;
    static final double SOON_FILL_MINUTES = 10;
    static final String SUBJECT = "heap";

    /** Heap used after GC in MB, one reading per evaluation, for the slow verdict. */
    private final SampleWindow usedMb;
    /** Every collection's after-GC point, for the fast verdicts. */
    private final AfterGcPoints points;
    private final double growthPercent;
    private final Duration window;
    private final Duration recent;
    private final long maxHeapBytes;
    private final long jvmStartMillis;
    private final Supplier<ClassGrowth> classGrowth;
    private final Supplier<SurvivorSites.Found> survivors;

    /** The classes that grew most, from two class histograms, or why there is no such list. */
    public record ClassGrowth(List<ClassHistogram.Growth> classes, long secondsBetween, String note) {
    }

    /** A fast verdict: the rise and the window it was judged over. */
    record FastVerdict(HeapTrend.Rise rise, Duration window) {
    }

    MemoryGrowthRule(SampleWindow usedMb, AfterGcPoints points, double growthPercent, Duration window, Duration recent,
                     long maxHeapBytes, long jvmStartMillis, Supplier<ClassGrowth> classGrowth, Supplier<SurvivorSites.Found> survivors) {
        this.usedMb = usedMb;
        this.points = points;
        this.growthPercent = growthPercent;
        this.window = window;
        this.recent = recent;
        this.maxHeapBytes = maxHeapBytes;
        this.jvmStartMillis = jvmStartMillis;
        this.classGrowth = classGrowth;
        this.survivors = survivors;
    }

    /**
     * A rise that fills the heap soon: within 10 min over half the recent window, else within 30 min over
     * all of it; null otherwise, and always during the JVM's first recent window: start-up fills caches and
     * pools as fast as a leak does, and only a rise that outlasts it is judged.
     */
    FastVerdict fastVerdict(long nowMillis) {
        if (nowMillis - jvmStartMillis < recent.toMillis()) {
            return null;
        }
        double maxMb = maxMb();
        Duration half = recent.dividedBy(2);
        HeapTrend.Rise soon = HeapTrend.judge(points.since(nowMillis - half.toMillis()), half.toMillis(), maxMb);
        if (soon != null && soon.minutesToFull() <= SOON_FILL_MINUTES) {
            return new FastVerdict(soon, half);
        }
        HeapTrend.Rise rise = HeapTrend.judge(points.since(nowMillis - recent.toMillis()), recent.toMillis(), maxMb);
        return rise != null && rise.minutesToFull() <= CRITICAL_FILL_MINUTES ? new FastVerdict(rise, recent) : null;
    }

    /** The growth over {@code memory.window} in MB when it is significant and sustained; NaN otherwise. */
    public double significantGrowthMb(long nowMillis) {
        SampleWindow.Samples s = usedMb.coveringLast(nowMillis, window.toMillis());
        if (s == null || s.count() < MIN_SAMPLES) {
            return Double.NaN;
        }
        double growthMb = s.slopePerMinute() * window.toMillis() / 60_000.0;
        if (growthMb < growthPercent / 100.0 * maxMb() || s.correlation() < MIN_CORRELATION || s.last() <= s.first()) {
            return Double.NaN;
        }
        return growthMb;
    }

    /** Whether the recent after-GC points lean upwards, or the slow verdict holds: worth sampling the survivors' sites. */
    boolean suspect(long nowMillis) {
        return HeapTrend.suspect(points.since(nowMillis - recent.toMillis() / 2)) || !Double.isNaN(significantGrowthMb(nowMillis));
    }

    @Override
    public void evaluate(long nowMillis, List<Finding> out) {
        FastVerdict fast = fastVerdict(nowMillis);
        Finding f = fast != null ? fastFinding(fast) : slowFinding(nowMillis);
        if (f == null) {
            return;
        }
        addClassesAndSite(f);
        out.add(f.subject(SUBJECT)
                .advice("Something keeps objects reachable: the site is where the surviving objects were allocated, the classes are those that grew most between two class histograms; find who holds them (a static map, a cache without bound, listeners never removed, a ThreadLocal).")
                .advice("Bound caches by size and age (or use a real cache library), remove listeners, clear ThreadLocals in finally blocks.")
                .advice("For the reference chains, take a heap dump: java -jar sre-agent.jar heapdump <pid>, and open it in Eclipse MAT (dominator tree)."));
    }

    private Finding fastFinding(FastVerdict v) {
        HeapTrend.Rise r = v.rise();
        Finding f = new Finding("memory-growth", Severity.CRITICAL, String.format(Locale.ROOT,
                "heap used after GC is rising %.1f MB/min (steady: r=%.2f over %d collections in %s): %.0f of %.0f MB used, full in about %.1f min",
                r.slopeMbPerMinute(), r.correlation(), r.points(), Format.duration(v.window()), r.usedAfterGcMb(), r.maxMb(),
                r.minutesToFull()));
        return common(f, r.slopeMbPerMinute(), r.correlation(), r.usedAfterGcMb(), r.minutesToFull(), r.points(), v.window())
                .evidence("fillThresholdMinutes", v.window().equals(recent) ? CRITICAL_FILL_MINUTES : SOON_FILL_MINUTES);
    }

    private Finding slowFinding(long nowMillis) {
        double growthMb = significantGrowthMb(nowMillis);
        if (Double.isNaN(growthMb)) {
            return null;
        }
        SampleWindow.Samples s = usedMb.since(nowMillis - window.toMillis());
        double slope = s.slopePerMinute();
        double minutesToFull = Math.max(0, (maxMb() - s.last()) / slope);
        Severity severity = minutesToFull <= CRITICAL_FILL_MINUTES ? Severity.CRITICAL : Severity.WARNING;
        Finding f = new Finding("memory-growth", severity, String.format(Locale.ROOT,
                "heap used after GC grew %.0f MB over the last %s (%.1f MB/min, steady: r=%.2f); full in about %.0f min at this rate",
                growthMb, Format.duration(window), slope, s.correlation(), minutesToFull));
        return common(f, slope, s.correlation(), s.last(), minutesToFull, s.count(), window)
                .evidence("growthMb", Format.oneDecimal(growthMb))
                .evidence("usedAfterGcMbFirst", Format.oneDecimal(s.first()))
                .evidence("thresholdPercentOfMaxPerWindow", growthPercent);
    }

    private Finding common(Finding f, double slope, double r, double usedMb, double minutesToFull, int points, Duration judged) {
        return f.window(judged)
                .evidence("slopeMbPerMinute", Format.oneDecimal(slope))
                .evidence("correlation", Math.round(r * 100) / 100.0)
                .evidence("usedAfterGcMb", Format.oneDecimal(usedMb))
                .evidence("maxMb", maxHeapBytes >> 20)
                .evidence("minutesToFull", Format.oneDecimal(minutesToFull))
                .evidence("points", points)
                .evidence("windowSeconds", judged.toSeconds());
    }

    private void addClassesAndSite(Finding f) {
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
        SurvivorSites.Found found = survivors.get();
        if (found != null) {
            if (found.site() != null) {
                f.site(found.site()).stack(found.stack())
                        .evidence("siteClass", found.className())
                        .evidence("survivorSamplesAtSite", found.atSite())
                        .evidence("survivorSamples", found.samples());
            }
            if (found.note() != null) {
                f.evidence("survivorSites", found.note());
            }
        }
    }

    private double maxMb() {
        return maxHeapBytes / (double) (1 << 20);
    }
}
