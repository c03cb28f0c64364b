package io.sreagent.config;

import io.sreagent.runtime.Features;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JfrOptionsTest {
    private final ConfigLoader loader = new ConfigLoader(Features.names());

    @Test
    void theStreamMayStartAtOnceButNotLaterThanTenMinutes() throws Exception {
        assertEquals(Duration.ZERO, loader.load("jfr.delay=0s", Map.of(), Map.of()).duration(Options.JFR_DELAY));
        assertEquals(Duration.ofSeconds(10), loader.load(null, Map.of(), Map.of()).duration(Options.JFR_DELAY));
        assertThrows(ConfigException.class, () -> loader.load("jfr.delay=11m", Map.of(), Map.of()));
    }

    @Test
    void samplingFasterThanTenMillisecondsIsRefused() {
        assertThrows(ConfigException.class, () -> loader.load("jfr.sample.period=1ms", Map.of(), Map.of()));
    }

    @Test
    void stacksAreKeptToADepthOf128UnlessSetBetween16And2048() throws Exception {
        assertEquals(128, loader.load(null, Map.of(), Map.of()).integer(Options.JFR_STACK_DEPTH));
        assertEquals(2048, loader.load("jfr.stack.depth=2048", Map.of(), Map.of()).integer(Options.JFR_STACK_DEPTH));
        assertThrows(ConfigException.class, () -> loader.load("jfr.stack.depth=8", Map.of(), Map.of()));
        assertThrows(ConfigException.class, () -> loader.load("jfr.stack.depth=4096", Map.of(), Map.of()));
    }
}
