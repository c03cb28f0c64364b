package io.sreagent.feature.jfr;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AllocationSamplesTest {
    private static final long MB = 1L << 20;
    private final AllocationSamples samples = new AllocationSamples();

    @Test
    void bytesAreRankedPerClassInMegabytesAndASampleWithoutAClassCountsInTheTotalOnly() {
        samples.add("[B", 3 * MB);
        samples.add("java.lang.String", MB);
        samples.add("[B", 2 * MB);
        samples.add(null, 4 * MB);

        Map<String, Object> m = samples.metrics();
        assertEquals(List.of("sampledMbTotal", "topClassesMb", "dropped"), List.copyOf(m.keySet()));
        assertEquals(10L, m.get("sampledMbTotal"));
        assertEquals(List.of("[B 5", "java.lang.String 1"), m.get("topClassesMb"));
        assertEquals(0L, m.get("dropped"));
    }

    @Test
    void samplesOfNewClassesPastTheCapAreCountedAsDroppedButStillInTheTotal() {
        for (int i = 0; i < AllocationSamples.MAX_CLASSES; i++) {
            samples.add("com.example.C" + i, MB);
        }
        samples.add("com.example.Late", MB);
        samples.add("com.example.Late", MB);
        samples.add("com.example.C0", MB);

        Map<String, Object> m = samples.metrics();
        assertEquals(AllocationSamples.MAX_CLASSES + 3L, m.get("sampledMbTotal"));
        assertEquals(2L, m.get("dropped"));
        assertEquals("com.example.C0 2", ((List<?>) m.get("topClassesMb")).get(0));
    }
}
