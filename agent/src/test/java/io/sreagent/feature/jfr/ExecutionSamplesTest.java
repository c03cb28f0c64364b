package io.sreagent.feature.jfr;

import io.sreagent.support.StackSites;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.sreagent.feature.jfr.CulpritTest.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ExecutionSamplesTest {
    private final ExecutionSamples samples = new ExecutionSamples(10, new StackSites(List.of()));

    @Test
    void theLastMinutesProfileShowsEachMethodsAndCulpritsShareOfTheSamples() {
        List<StackTraceElement> regex = List.of(frame("java.util.regex.Pattern$Loop", "match"), frame("com.acme.Codes", "check"));
        List<StackTraceElement> sum = List.of(frame("com.acme.Prices", "sum"));
        samples.profile().add("worker-1", sum, null);
        samples.tick(1_000);
        for (int i = 0; i < 2; i++) {
            samples.profile().add("worker-1", regex, ExecutionProfileTest.SITE);
        }
        samples.profile().add("worker-2", sum, null);
        samples.tick(2_000);
        samples.tick(5_000);

        Map<String, Object> m = samples.metrics(61_500);
        assertEquals(List.of("windowSeconds", "samples", "dropped", "topMethods", "culprits", "topStacks"), List.copyOf(m.keySet()));
        assertEquals(4L, m.get("windowSeconds"), "from the end of the tick before the window's first");
        assertEquals(3L, m.get("samples"), "the tick that ended at 1 s is over a minute old");
        assertEquals(0L, m.get("dropped"));
        assertEquals(List.of("java.util.regex.Pattern$Loop.match 66.7%", "com.acme.Prices.sum 33.3%"), m.get("topMethods"));
        assertEquals(List.of("REGEX 66.7%"), m.get("culprits"));
        assertEquals(List.of("com.acme.Codes.check;java.util.regex.Pattern$Loop.match 2", "com.acme.Prices.sum 1"), m.get("topStacks"));
    }
}
