package io.sreagent.feature.memory;

import io.sreagent.report.Finding;
import io.sreagent.report.Severity;
import io.sreagent.support.SampleWindow;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemoryGrowthRuleTest {
    static final long MAX = 1024L << 20; // 1 GB heap

    static List<Finding> evaluate(MemoryGrowthRule.ClassGrowth growth, double... usedMbPerMinute) {
        SampleWindow w = new SampleWindow(100);
        for (int i = 0; i < usedMbPerMinute.length; i++) {
            w.add(i * 60_000L, usedMbPerMinute[i]);
        }
        List<Finding> out = new ArrayList<>();
        new MemoryGrowthRule(w, 10, Duration.ofMinutes(10), MAX, () -> growth)
                .evaluate((usedMbPerMinute.length - 1) * 60_000L, out);
        return out;
    }

    @Test
    void aSteadyRiseNamesTheClassesThatGrew() {
        var grown = new MemoryGrowthRule.ClassGrowth(
                List.of(new ClassHistogram.Growth("com.acme.Cache$Entry", 5000, 5_000_000, 9000, 9_000_000)), 300, null);
        Finding f = evaluate(grown, 200, 213, 223, 237, 247, 261, 271, 284, 296, 309, 320).get(0);
        assertEquals("memory-growth", f.id());
        assertEquals(Severity.WARNING, f.severity(), "about 12 MB/min into 700 MB left: about an hour");
        assertTrue((double) f.evidence().get("slopeMbPerMinute") > 11.5);
        assertTrue((double) f.evidence().get("correlation") > 0.99);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> classes = (List<Map<String, Object>>) f.evidence().get("grownClasses");
        assertEquals("com.acme.Cache$Entry", classes.get(0).get("class"));
        assertEquals(300L, f.evidence().get("histogramSecondsApart"));
    }

    @Test
    void aRiseThatFillsTheHeapSoonIsCritical() {
        Finding f = evaluate(null, 300, 340, 380, 420, 460, 500, 540, 580, 620, 660, 700).get(0);
        assertEquals(Severity.CRITICAL, f.severity());
        assertEquals(8L, f.evidence().get("minutesToFull"));
    }

    @Test
    void sawTeethSmallGrowthAndShortHistoryAreNoLeak() {
        assertEquals(List.of(), evaluate(null, 200, 400, 210, 390, 205, 420, 200, 410, 220, 400, 260));
        assertEquals(List.of(), evaluate(null, 200, 201, 203, 204, 206, 207, 209, 210, 212, 213, 215));
        assertEquals(List.of(), evaluate(null, 200, 300, 400, 500));
    }
}
