package io.sreagent.jvm;

import io.sreagent.config.Options;
import io.sreagent.diagnose.HeapPressureRule;
import io.sreagent.diagnose.Rule;
import io.sreagent.runtime.AgentContext;
import io.sreagent.runtime.Feature;
import io.sreagent.telemetry.HeapAfterGc;
import io.sreagent.telemetry.SampleWindow;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Heap used after GC, sampled every evaluation into a window that the heap-pressure rule reads. */
public final class HeapFeature implements Feature {
    private HeapAfterGc.Reader afterGc;
    private SampleWindow percentWindow;
    private List<Rule> rules = List.of();
    private long maxHeap;

    @Override
    public String name() {
        return "heap";
    }

    @Override
    public void start(AgentContext context) {
        Duration window = context.config().duration(Options.HEAP_WINDOW);
        Duration every = context.config().duration(Options.EVALUATE_INTERVAL);
        percentWindow = new SampleWindow(capacity(window, every));
        maxHeap = HeapAfterGc.maxHeap();
        afterGc = HeapAfterGc.open();
        rules = List.of(new HeapPressureRule(percentWindow, context.config().decimal(Options.HEAP_THRESHOLD), window, maxHeap));
    }

    /** Enough samples to cover the window (plus slack), capped so a tiny interval cannot grow memory. */
    public static int capacity(Duration window, Duration every) {
        return (int) Math.min(100_000, window.toMillis() / Math.max(1, every.toMillis()) + 16);
    }

    @Override
    public void sample(long nowMillis) {
        long used = afterGc.take();
        if (used >= 0) {
            percentWindow.add(nowMillis, 100.0 * used / maxHeap);
        }
    }

    @Override
    public List<Rule> rules() {
        return rules;
    }

    @Override
    public void addMetrics(Map<String, Object> metrics) {
        long used = afterGc.lastUsed();
        if (used >= 0) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("usedMb", used >> 20);
            m.put("usedPercentOfMax", 100.0 * used / maxHeap);
            m.put("collectionsSeen", afterGc.collections());
            metrics.put("heapAfterGc", m);
        }
    }

    @Override
    public void stop() {
        if (afterGc != null) {
            afterGc.close();
        }
    }
}
