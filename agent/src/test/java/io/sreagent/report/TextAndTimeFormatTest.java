package io.sreagent.report;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TextAndTimeFormatTest {

    @Test
    void timestampsHaveOnePrecision() {
        assertEquals("2026-01-01T00:00:00.000Z", Format.instant(Instant.parse("2026-01-01T00:00:00Z")));
        assertEquals("2026-01-01T00:00:00.123Z", Format.instant(Instant.parse("2026-01-01T00:00:00.123456789Z")));
    }

    @Test
    void aDeadlocksStacksArePrintedOnceInText() {
        List<String> stack = List.of("com.acme.A.lock(A.java:1)", "java.lang.Thread.run(Thread.java:840)");
        Finding f = new Finding("deadlock", Severity.CRITICAL, "2 threads deadlocked")
                .evidence("threads", List.of(Map.of("name", "a", "stack", stack))).stack(stack);
        String text = new Report(Instant.EPOCH, new Trigger(Trigger.Kind.ON_DEMAND, "test"), Map.of("uptimeMs", 1L), Map.of(), List.of(f), Map.of()).toText();
        assertEquals(1, text.lines().filter(l -> l.contains("com.acme.A.lock(A.java:1)")).count(), text);
    }
}
