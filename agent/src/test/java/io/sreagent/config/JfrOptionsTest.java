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
}
