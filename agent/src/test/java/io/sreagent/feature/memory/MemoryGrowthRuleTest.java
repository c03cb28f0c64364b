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
        new MemoryGrowthRule(w, new AfterGcPoints(), 10, Duration.ofMinutes(10), Duration.ofMinutes(2), MAX, 0, () -> growth, () -> null)
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
        assertEquals(8.1, f.evidence().get("minutesToFull"));
        assertEquals("heap", f.subject());
        assertEquals(Duration.ofMinutes(10), f.window());
    }

    /** Heap 256 MB; a point every 3 s: flat at 40 MB, then 60 MB/min from {@code leakFromMs}; judged at {@code nowMs}. */
    static MemoryGrowthRule.FastVerdict fast(long leakFromMs, long nowMs) {
        AfterGcPoints p = new AfterGcPoints();
        for (long t = 0; t <= nowMs; t += 3_000) {
            p.add(t, 40 + Math.max(0, t - leakFromMs) / 1000.0 + ((t / 3_000) % 2) * 0.3);
        }
        return rule(p).fastVerdict(nowMs);
    }

    static MemoryGrowthRule rule(AfterGcPoints p) {
        return new MemoryGrowthRule(new SampleWindow(100), p, 10, Duration.ofMinutes(10), Duration.ofMinutes(2),
                256L << 20, 0, () -> null, () -> null);
    }

    @Test
    void aLeakFillingTheHeapInMinutesIsCriticalWithinAMinute() {
        assertEquals(null, fast(120_000, 150_000), "30 s of growth is not yet a trend");
        MemoryGrowthRule.FastVerdict v = fast(120_000, 165_000);
        assertTrue(v != null, "45 s of 1 MB/s towards a 256 MB max");
        assertEquals(Duration.ofMinutes(1), v.window());
        assertEquals(55, v.rise().slopeMbPerMinute(), 15);
        assertTrue(v.rise().minutesToFull() > 2.5 && v.rise().minutesToFull() < 4, v.toString());
        List<Finding> out = new ArrayList<>();
        AfterGcPoints p = new AfterGcPoints();
        for (long t = 0; t <= 165_000; t += 3_000) {
            p.add(t, 40 + Math.max(0, t - 120_000) / 1000.0);
        }
        rule(p).evaluate(165_000, out);
        Finding f = out.get(0);
        assertEquals(Severity.CRITICAL, f.severity());
        assertEquals("heap", f.subject());
        assertEquals(60L, f.evidence().get("windowSeconds"));
        for (String key : List.of("slopeMbPerMinute", "correlation", "usedAfterGcMb", "maxMb", "minutesToFull", "points")) {
            assertTrue(f.evidence().containsKey(key), key + " in " + f.evidence());
        }
    }

    @Test
    void slowerGrowthThatStillFillsTheHeapInHalfAnHourIsCriticalOverTheRecentWindow() {
        AfterGcPoints p = new AfterGcPoints();
        for (long t = 0; t <= 240_000; t += 4_000) {
            p.add(t, 40 + t / 60_000.0 * 9); // 9 MB/min: 216 MB left is about 24 min
        }
        MemoryGrowthRule.FastVerdict v = rule(p).fastVerdict(240_000);
        assertEquals(Duration.ofMinutes(2), v.window());
        assertTrue(v.rise().minutesToFull() > 15 && v.rise().minutesToFull() < 30, v.toString());
    }

    @Test
    void aCacheThatFillsInSecondsAndFlattensIsNoLeakAtAnyMoment() {
        AfterGcPoints p = new AfterGcPoints();
        MemoryGrowthRule r = rule(p);
        java.util.Random noise = new java.util.Random(7);
        for (long t = 0; t <= 240_000; t += 2_500) {
            // 30 MB in 20 s (1.5 MB/s) from 60 s on, then flat: a bounded cache warming up
            double cache = Math.min(30, Math.max(0, t - 60_000) / 1000.0 * 1.5);
            p.add(t, 40 + cache + noise.nextDouble() * 1.5);
            assertEquals(null, r.fastVerdict(t), "at " + t + " ms");
        }
    }

    @Test
    void nothingIsJudgedFastDuringTheJvmsFirstWindow() {
        AfterGcPoints p = new AfterGcPoints();
        for (long t = 0; t <= 110_000; t += 2_000) {
            p.add(t, 10 + t / 1000.0); // start-up filling 1 MB/s
        }
        assertEquals(null, rule(p).fastVerdict(110_000));
    }

    @Test
    void aStepSawTeethAndFewPointsAreNoFastVerdict() {
        AfterGcPoints step = new AfterGcPoints();
        for (long t = 0; t <= 120_000; t += 3_000) {
            step.add(t, t < 90_000 ? 40 : 120);
        }
        assertEquals(null, rule(step).fastVerdict(120_000));
        AfterGcPoints saw = new AfterGcPoints();
        for (long t = 0; t <= 120_000; t += 3_000) {
            saw.add(t, 40 + (t % 30_000) / 1000.0 * 2);
        }
        assertEquals(null, rule(saw).fastVerdict(120_000));
        AfterGcPoints few = new AfterGcPoints();
        for (long t = 0; t <= 120_000; t += 30_000) {
            few.add(t, 40 + t / 1000.0);
        }
        assertEquals(null, rule(few).fastVerdict(120_000), "5 collections in 2 minutes are too few");
    }

    @Test
    void collectionsCloserThanABucketShareOnePointTheLowest() {
        AfterGcPoints p = new AfterGcPoints();
        p.add(1_000, 50);
        p.add(1_500, 30);
        p.add(2_900, 60);
        p.add(3_000, 70);
        SampleWindow.Samples s = p.since(0);
        assertEquals(2, s.count());
        assertEquals(30, s.values()[0]);
        assertEquals(70, s.values()[1]);
    }

    @Test
    void sawTeethSmallGrowthAndShortHistoryAreNoLeak() {
        assertEquals(List.of(), evaluate(null, 200, 400, 210, 390, 205, 420, 200, 410, 220, 400, 260));
        assertEquals(List.of(), evaluate(null, 200, 201, 203, 204, 206, 207, 209, 210, 212, 213, 215));
        assertEquals(List.of(), evaluate(null, 200, 300, 400, 500));
    }
}
