package io.sreagent.feature.jfr;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class GcPausesTest {
    private final GcPauses gc = new GcPauses(10, 0);

    @Test
    void eachTickReadsItsPausesAsAShareOfItsWallTime() {
        gc.addCollection(20_000_000);
        gc.addCollection(30_000_000);
        gc.tick(1_000);
        gc.tick(2_000);
        gc.addCollection(100_000_000);
        gc.tick(2_500);

        assertArrayEquals(new double[]{5.0, 0.0, 20.0}, gc.pausePercent().since(0).values(), 1e-9);
        Map<String, Object> m = gc.metrics(3_000);
        assertEquals(List.of("collections", "pauseMsTotal", "pausePercentLastMinute"), List.copyOf(m.keySet()));
        assertEquals(List.of(3L, 150L, 8.3), List.copyOf(m.values()));
    }

    @Test
    void aTickWithNoTimeSinceTheLastAddsNoReadingAndNoTicksMeanNoPauseShare() {
        gc.addCollection(10_000_000);
        gc.tick(0);

        assertEquals(0, gc.pausePercent().since(0).count());
        assertEquals(0.0, gc.metrics(1_000).get("pausePercentLastMinute"));
        gc.tick(1_000);
        assertEquals(0.0, gc.pausePercent().since(0).values()[0], "the pauses read at a tick of no length are not carried into the next");
    }
}
