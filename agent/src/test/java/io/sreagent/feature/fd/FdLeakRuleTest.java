package io.sreagent.feature.fd;

import io.sreagent.report.Finding;
import io.sreagent.report.Severity;
import io.sreagent.support.SampleWindow;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FdLeakRuleTest {
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
