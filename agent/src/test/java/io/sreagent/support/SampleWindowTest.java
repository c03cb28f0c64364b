package io.sreagent.support;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SampleWindowTest {
    @Test
    void keepsTheNewestSamplesAndCountsWhatItDropped() {
        SampleWindow w = new SampleWindow(4);
        for (int i = 0; i < 10; i++) {
            w.add(i * 1000L, i);
        }
        assertEquals(6, w.dropped());
        assertEquals(6000, w.oldestTime());
        SampleWindow.Samples s = w.since(7000);
        assertEquals(3, s.count());
        assertEquals(7, s.first());
        assertEquals(9, s.last());
        assertEquals(2000, s.spanMillis());
    }

    @Test
    void fitsSlopePerMinuteAndCorrelation() {
        SampleWindow w = new SampleWindow(100);
        for (int i = 0; i < 60; i++) {
            w.add(i * 1000L, 100 + 2 * i + (i % 2 == 0 ? 1 : -1));
        }
        SampleWindow.Samples s = w.since(0);
        assertEquals(120, s.slopePerMinute(), 1.0);
        assertTrue(s.correlation() > 0.99);

        SampleWindow flat = new SampleWindow(100);
        for (int i = 0; i < 60; i++) {
            flat.add(i * 1000L, 100 + (i % 2 == 0 ? 5 : -5));
        }
        assertTrue(Math.abs(flat.since(0).correlation()) < 0.1);
    }
}
