package io.sreagent.feature.memory;

import io.sreagent.config.Option;

import java.time.Duration;
import java.util.List;

/** The keys of heap-pressure (heap feature) and memory-growth (memory feature). */
final class MemoryOptions {
    static final Option<Double> HEAP_THRESHOLD = Option.percentage("heap.threshold", "80", 1, 100,
            "heap used after GC, share of max, that counts as pressure");
    static final Option<Duration> HEAP_WINDOW = Option.duration("heap.window", "5m",
            "how long the pressure must last");
    static final Option<Double> MEMORY_GROWTH = Option.percentage("memory.growth", "10", 1, 100,
            "growth of heap used after GC over `memory.window`, share of max heap, that is a leak");
    static final Option<Duration> MEMORY_WINDOW = Option.duration("memory.window", "10m", "10s", "24h",
            "window over which heap growth is judged");
    static final Option<Boolean> MEMORY_HISTOGRAM = Option.onOff("memory.histogram", "on",
            "on growth, diff two class histograms to name the growing classes (each costs a full GC)");

    static final Option<Boolean> MEMORY_SITE = Option.onOff("memory.site", "on",
            "while the heap grows, sample surviving objects with JFR (`jdk.OldObjectSample`, no GC-root paths) to name the code that allocated them");

    static final List<Option<?>> HEAP = List.of(HEAP_THRESHOLD, HEAP_WINDOW);
    static final List<Option<?>> MEMORY = List.of(MEMORY_GROWTH, MEMORY_WINDOW, MEMORY_HISTOGRAM, MEMORY_SITE);

    private MemoryOptions() {
    }
}
