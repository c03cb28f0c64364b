package io.sreagent.feature.jfr;

import io.sreagent.support.Tally;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.sreagent.feature.jfr.RecordedEvents.ignored;

/**
 * Allocation samples ({@code jdk.ObjectAllocationSample}, throttled and without stacks, see
 * {@link JfrSettings}): the bytes they stand for, in total and per class, for the allocation ranking
 * of the metrics; no rule reads them.
 */
final class AllocationSamples {
    static final int MAX_CLASSES = 256;

    private final Tally<String> bytesByClass = new Tally<>(MAX_CLASSES);
    private long bytesSampled;
    private long dropped;

    void onAllocationSample(RecordedEvent e) {
        if (ignored(e.getThread())) {
            return;
        }
        RecordedClass c = e.getClass("objectClass");
        add(c == null ? null : c.getName(), e.getLong("weight"));
    }

    /** One sample standing for {@code weight} bytes; a sample that names no class counts in the total only. */
    synchronized void add(String className, long weight) {
        bytesSampled += weight;
        if (className != null && !bytesByClass.add(className, weight)) {
            dropped++;
        }
    }

    synchronized Map<String, Object> metrics() {
        Map<String, Object> alloc = new LinkedHashMap<>();
        alloc.put("sampledMbTotal", bytesSampled >> 20);
        alloc.put("topClassesMb", bytesByClass.top(10).stream()
                .map(e -> e.getKey() + " " + (e.getValue() >> 20)).toList());
        alloc.put("dropped", dropped);
        return alloc;
    }
}
