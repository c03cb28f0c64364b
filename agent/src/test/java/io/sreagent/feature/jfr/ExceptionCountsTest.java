package io.sreagent.feature.jfr;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ExceptionCountsTest {
    private final ExceptionCounts exceptions = new ExceptionCounts();

    @Test
    void theRateIsTakenBetweenTheLastTwoReadings() {
        assertEquals(Map.of("throwablesTotal", 0L, "throwablesPerSecond", 0.0), exceptions.metrics(), "no reading yet");

        exceptions.read(500, 10_000);
        assertEquals(List.of(500L, 0.0), List.copyOf(exceptions.metrics().values()), "one reading has no rate");

        exceptions.read(800, 20_000);
        exceptions.read(900, 20_000);
        Map<String, Object> m = exceptions.metrics();
        assertEquals(List.of("throwablesTotal", "throwablesPerSecond"), List.copyOf(m.keySet()));
        assertEquals(List.of(900L, 30.0), List.copyOf(m.values()), "a second reading at the same millisecond keeps the rate");
    }
}
