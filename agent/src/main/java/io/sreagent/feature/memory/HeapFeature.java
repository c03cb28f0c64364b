package io.sreagent.feature.memory;

import io.sreagent.config.CoreOptions;
import io.sreagent.config.Option;
import io.sreagent.core.AgentContext;
import io.sreagent.core.Feature;
import io.sreagent.core.JvmMetrics;
import io.sreagent.core.Rule;
import io.sreagent.support.SampleWindow;

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
    public List<Option<?>> options() {
        return MemoryOptions.HEAP;
    }

    @Override
    public void start(AgentContext context) {
        Duration window = context.config().get(MemoryOptions.HEAP_WINDOW);
        Duration every = context.config().get(CoreOptions.EVALUATE_INTERVAL);
        percentWindow = new SampleWindow(SampleWindow.capacityFor(window, every));
        maxHeap = JvmMetrics.maxHeap();
        afterGc = HeapAfterGc.open();
        rules = List.of(new HeapPressureRule(percentWindow, context.config().get(MemoryOptions.HEAP_THRESHOLD), window, maxHeap));
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
