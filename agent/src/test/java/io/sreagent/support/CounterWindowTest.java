package io.sreagent.support;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class CounterWindowTest {

    @Test
    void sumsTheIncreaseOfTheIntervalsInsideTheWindow() {
        CounterWindow w = new CounterWindow(2);
        w.tick(10_000, 300_000, 100, 10);
        w.tick(70_000, 300_000, 130, 10);
        w.tick(80_000, 300_000, 130, 10);
        w.tick(130_000, 300_000, 140, 12);
        assertArrayEquals(new long[]{40, 2}, w.sum(130_000, 120_000));
        assertArrayEquals(new long[]{10, 2}, w.sum(130_000, 60_000));
        assertArrayEquals(new long[]{140, 12}, w.sum(130_000, 300_000));
    }
}
