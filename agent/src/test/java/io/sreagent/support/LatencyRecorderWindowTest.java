package io.sreagent.support;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LatencyRecorderWindowTest {

    @Test
    void theWindowHoldsOnlyTheRecentIntervalsWithTheirExactBuckets() {
        LatencyRecorder r = new LatencyRecorder();
        for (int i = 0; i < 100; i++) {
            r.record(2_000_000); // an old slow minute
        }
        r.tick(60_000, 600_000);
        for (int i = 0; i < 50; i++) {
            r.record(1_000);
        }
        r.tick(120_000, 600_000);
        r.tick(130_000, 600_000); // nothing new: nothing kept
        Histogram recent = r.window(130_000, 60_000);
        assertEquals(50, recent.getTotalCount());
        assertEquals(r.total().highestEquivalentValue(1_000), recent.getMaxValue());
        assertEquals(50, r.windowCount(130_000, 60_000));
        assertEquals(150, r.window(130_000, 600_000).getTotalCount());
        assertEquals(150, r.count());
    }

    @Test
    void intervalsOlderThanTheKeptSpanAreForgotten() {
        LatencyRecorder r = new LatencyRecorder();
        r.record(5);
        r.tick(10_000, 20_000);
        r.record(7);
        r.tick(40_000, 20_000);
        assertEquals(1, r.window(40_000, 1_000_000).getTotalCount());
    }
}
