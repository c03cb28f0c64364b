package io.sreagent.feature.jfr;

import io.sreagent.Features;
import io.sreagent.config.ConfigException;
import io.sreagent.config.ConfigLoader;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JfrOptionsTest {
    private final ConfigLoader loader = new ConfigLoader(Features.options(Features.all()));

    @Test
    void theStreamMayStartAtOnceButNotLaterThanTenMinutes() throws Exception {
        assertEquals(Duration.ZERO, loader.load("jfr.delay=0s", Map.of(), Map.of()).get(JfrOptions.DELAY));
        assertEquals(Duration.ofSeconds(10), loader.load(null, Map.of(), Map.of()).get(JfrOptions.DELAY));
        assertThrows(ConfigException.class, () -> loader.load("jfr.delay=11m", Map.of(), Map.of()));
    }

    @Test
    void samplingFasterThanTenMillisecondsIsRefused() {
        assertThrows(ConfigException.class, () -> loader.load("jfr.sample.period=1ms", Map.of(), Map.of()));
    }

    @Test
    void stacksAreKeptToADepthOf128UnlessSetBetween16And2048() throws Exception {
        assertEquals(128, loader.load(null, Map.of(), Map.of()).get(JfrOptions.STACK_DEPTH));
        assertEquals(2048, loader.load("jfr.stack.depth=2048", Map.of(), Map.of()).get(JfrOptions.STACK_DEPTH));
        assertThrows(ConfigException.class, () -> loader.load("jfr.stack.depth=8", Map.of(), Map.of()));
        assertThrows(ConfigException.class, () -> loader.load("jfr.stack.depth=4096", Map.of(), Map.of()));
    }
}
