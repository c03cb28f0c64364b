package io.sreagent.feature.memory;

import io.sreagent.report.Finding;
import io.sreagent.report.Severity;
import io.sreagent.support.SampleWindow;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HeapPressureRuleTest {
    private static final long MB = 1 << 20;

    private static List<Finding> heap(double... percents) {
        SampleWindow w = new SampleWindow(100);
        for (int i = 0; i < percents.length; i++) {
            w.add(i * 10_000L, percents[i]);
        }
        List<Finding> out = new ArrayList<>();
        new HeapPressureRule(w, 80, Duration.ofSeconds(60), 1024 * MB).evaluate((percents.length - 1) * 10_000L, out);
        return out;
    }

    @Test
    void heapPressureNeedsTheWholeWindowAboveThreshold() {
        assertEquals(List.of(), heap(85, 85, 85), "watched for less than the window");
        assertEquals(List.of(), heap(85, 85, 85, 85, 70, 85, 85, 85), "one collection freed enough");
        List<Finding> f = heap(85, 86, 87, 88, 89, 90, 91, 92);
        assertEquals(1, f.size());
        assertEquals(Severity.WARNING, f.get(0).severity());
        assertEquals(86.0, f.get(0).evidence().get("usedAfterGcPercentLowest"));
        assertEquals(942L, f.get(0).evidence().get("usedAfterGcMbNow"));
        assertEquals(Severity.CRITICAL, heap(96, 96, 97, 97, 98, 98, 99, 99).get(0).severity());
    }
}
