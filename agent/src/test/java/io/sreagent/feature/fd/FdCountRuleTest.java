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

class FdCountRuleTest {
    private static List<Finding> fd(long limit, double... counts) {
        SampleWindow w = new SampleWindow(100);
        for (int i = 0; i < counts.length; i++) {
            w.add(i * 10_000L, counts[i]);
        }
        List<Finding> out = new ArrayList<>();
        new FdCountRule(w, 50, Duration.ofSeconds(60), Duration.ofMinutes(30), () -> limit, List::of)
                .evaluate((counts.length - 1) * 10_000L, out);
        return out;
    }

    @Test
    void needsSteadyGrowthOfAtLeastTheMinimum() {
        assertEquals(List.of(), fd(100_000, 100, 105, 110, 115, 120, 125, 130, 135), "steady, but only 30 within the window");
        assertEquals(1, fd(100_000, 100, 110, 120, 130, 140, 150, 160, 170).size(), "60 within the 60 s window");
        assertEquals(List.of(), fd(100_000, 100, 400, 100, 400, 100, 400, 100, 400), "noise, no trend");
        assertEquals(List.of(), fd(100_000, 100, 100, 100, 100, 100, 100, 100, 100));
    }

    @Test
    void aWarmUpStepIsNotALeak() {
        assertEquals(List.of(), fd(100_000, 100, 100, 100, 180, 300, 300, 300, 300), "a server opening its pools, then flat");
    }

    @Test
    void judgedFromHalfTheWindowOn() {
        assertEquals(List.of(), fd(100_000, 100, 130, 160), "20 s of a 60 s window");
        assertEquals(1, fd(100_000, 100, 130, 160, 190).size(), "30 s of it");
    }

    @Test
    void aTrendReachingTheLimitSoonFiresEarlierAndIsCritical() {
        Finding f = fd(200, 100, 103, 106, 109, 112, 115, 118, 121).get(0);
        assertEquals(Severity.CRITICAL, f.severity(), "the limit in about 4 minutes");
        assertTrue((double) f.evidence().get("minutesToLimit") < 5, f.evidence().toString());
        assertEquals("process", f.subject());
        assertEquals(List.of(), fd(100_000, 100, 103, 106, 109, 112, 115, 118, 121), "the same rise, far from the limit");
    }
}
