package io.sreagent.feature.memory;

import io.sreagent.config.CoreOptions;
import io.sreagent.config.Option;
import io.sreagent.core.AgentContext;
import io.sreagent.core.Feature;
import io.sreagent.core.JvmMetrics;
import io.sreagent.core.Rule;
import io.sreagent.support.AgentLog;
import io.sreagent.support.SampleWindow;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Heap used after GC (the same GC notifications as the heap feature) in MB per evaluation, judged for
 * a steady rise by the memory-growth rule. When the rule sees growth, two class histograms half a
 * window apart name the classes that grew; each costs a full GC, so at most one is taken per half
 * window, only while growth lasts, and never with {@code memory.histogram=off}.
 */
public final class MemoryFeature implements Feature {
    static final int GROWN_CLASSES = 10;

    private HeapAfterGc.Reader afterGc;
    private SampleWindow usedMb;
    private MemoryGrowthRule rule;
    private Duration window;
    private boolean histograms;
    private ClassHistogram baseline;
    private volatile MemoryGrowthRule.ClassGrowth growth;
    private long histogramsTaken;

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public List<Option<?>> options() {
        return MemoryOptions.MEMORY;
    }

    @Override
    public void start(AgentContext context) {
        window = context.config().get(MemoryOptions.MEMORY_WINDOW);
        histograms = context.config().get(MemoryOptions.MEMORY_HISTOGRAM);
        usedMb = new SampleWindow(SampleWindow.capacityFor(window, context.config().get(CoreOptions.EVALUATE_INTERVAL)));
        rule = new MemoryGrowthRule(usedMb, context.config().get(MemoryOptions.MEMORY_GROWTH), window, JvmMetrics.maxHeap(),
                () -> growth);
        growth = histograms ? null : new MemoryGrowthRule.ClassGrowth(List.of(), 0, "off (memory.histogram=off)");
        afterGc = HeapAfterGc.open();
    }

    @Override
    public void sample(long nowMillis) {
        long used = afterGc.take();
        if (used < 0) {
            return;
        }
        usedMb.add(nowMillis, used / (double) (1 << 20));
        if (histograms && !Double.isNaN(rule.significantGrowthMb(nowMillis))) {
            compareHistograms(nowMillis);
        }
    }

    /** First sight of growth takes a baseline; half a window later the next one is compared with it. */
    private void compareHistograms(long nowMillis) {
        if (baseline != null && nowMillis - baseline.takenAtMillis() < window.toMillis() / 2) {
            return;
        }
        try {
            ClassHistogram now = ClassHistogram.take(nowMillis);
            histogramsTaken++;
            if (baseline == null || nowMillis - baseline.takenAtMillis() > 2 * window.toMillis()) {
                growth = new MemoryGrowthRule.ClassGrowth(List.of(), 0,
                        "baseline taken; the growing classes follow in " + window.toSeconds() / 2 + " s");
            } else {
                growth = new MemoryGrowthRule.ClassGrowth(now.grownSince(baseline, GROWN_CLASSES),
                        (nowMillis - baseline.takenAtMillis()) / 1000, null);
            }
            baseline = now;
        } catch (Exception e) {
            histograms = false;
            growth = new MemoryGrowthRule.ClassGrowth(List.of(), 0, "not available: " + e);
            AgentLog.get().info("class histograms are not available ({}); memory-growth will not name classes", e.toString());
        }
    }

    @Override
    public List<Rule> rules() {
        return List.of(rule);
    }

    @Override
    public void addMetrics(Map<String, Object> metrics) {
        SampleWindow.Samples s = usedMb.since(System.currentTimeMillis() - window.toMillis());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("windowSeconds", window.toSeconds());
        m.put("samples", s.count());
        if (s.count() >= 2) {
            m.put("usedAfterGcMbFirst", Math.round(s.first()));
            m.put("usedAfterGcMbNow", Math.round(s.last()));
            m.put("slopeMbPerMinute", Math.round(s.slopePerMinute() * 10) / 10.0);
            m.put("correlation", Math.round(s.correlation() * 100) / 100.0);
        }
        m.put("classHistogramsTaken", histogramsTaken);
        m.put("samplesDropped", usedMb.dropped());
        metrics.put("memoryGrowth", m);
    }

    @Override
    public void stop() {
        if (afterGc != null) {
            afterGc.close();
        }
    }
}
