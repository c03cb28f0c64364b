package io.sreagent.feature.jfr;

import io.sreagent.report.Finding;
import io.sreagent.report.Severity;
import io.sreagent.support.SampleWindow;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GcPressureRuleTest {

    static List<Finding> evaluate(double... pausePercentPerTenSeconds) {
        SampleWindow w = new SampleWindow(100);
        for (int i = 0; i < pausePercentPerTenSeconds.length; i++) {
            w.add(i * 10_000L, pausePercentPerTenSeconds[i]);
        }
        List<Finding> out = new ArrayList<>();
        new GcPressureRule(w, 10, Duration.ofSeconds(60)).evaluate((pausePercentPerTenSeconds.length - 1) * 10_000L, out);
        return out;
    }

    @Test
    void pausesAboveTenPercentOfWallTimeArePressure() {
        Finding f = evaluate(12, 14, 11, 15, 12, 13, 12, 14).get(0);
        assertEquals("gc-pressure", f.id());
        assertEquals(Severity.WARNING, f.severity());
        assertEquals(13.0, f.evidence().get("gcPausePercent"));
        assertEquals(Severity.CRITICAL, evaluate(30, 30, 30, 30, 30, 30, 30, 30).get(0).severity());
    }

    @Test
    void aShortSpikeOrAnUnwatchedWindowIsNot() {
        assertEquals(List.of(), evaluate(1, 1, 1, 1, 1, 40, 1, 1));
        assertEquals(List.of(), evaluate(50, 50, 50));
    }
}
