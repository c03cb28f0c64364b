package io.sreagent.diagnose;

import io.sreagent.report.Finding;
import io.sreagent.report.Severity;
import io.sreagent.telemetry.SampleWindow;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JvmRulesTest {
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

    private static List<Finding> fd(long limit, double... counts) {
        SampleWindow w = new SampleWindow(100);
        for (int i = 0; i < counts.length; i++) {
            w.add(i * 10_000L, counts[i]);
        }
        List<Finding> out = new ArrayList<>();
        new FdLeakRule(w, 50, Duration.ofSeconds(60), () -> limit).evaluate((counts.length - 1) * 10_000L, out);
        return out;
    }

    @Test
    void fdLeakNeedsSteadyGrowthOfAtLeastTheMinimum() {
        assertEquals(List.of(), fd(1000, 100, 105, 110, 115, 120, 125, 130, 135), "steady, but only 30 within the window");
        assertEquals(1, fd(1000, 100, 110, 120, 130, 140, 150, 160, 170).size(), "60 within the 60 s window");
        assertEquals(List.of(), fd(1000, 100, 400, 100, 400, 100, 400, 100, 400), "noise, no trend");
        assertEquals(List.of(), fd(1000, 100, 100, 100, 100, 100, 100, 100, 100));
        Finding f = fd(200, 100, 115, 130, 145, 160, 175, 185, 195).get(0);
        assertEquals(Severity.CRITICAL, f.severity(), "near the limit");
        assertTrue((double) f.evidence().get("perMinute") > 80);
        assertTrue(f.evidence().containsKey("minutesToLimit"));
    }
}
