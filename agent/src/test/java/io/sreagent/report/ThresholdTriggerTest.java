package io.sreagent.report;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class ThresholdTriggerTest {
    private final ThresholdTrigger trigger = new ThresholdTrigger(Duration.ofMinutes(5));
    private final Finding deadlock = new Finding("deadlock", Severity.CRITICAL, "t");
    private final Finding heap = new Finding("heap-pressure", Severity.CRITICAL, "t");
    private final Finding warning = new Finding("fd-leak", Severity.WARNING, "t");

    @Test
    void onlyNewCriticalFindingsTrigger() {
        assertNull(trigger.onEvaluation(List.of(warning), 0));
        assertEquals("new critical finding: deadlock", trigger.onEvaluation(List.of(deadlock, warning), 1000));
        assertNull(trigger.onEvaluation(List.of(deadlock), 2000), "announced once while it lasts");
    }

    @Test
    void cooldownDelaysTheNextReportUntilItEnds() {
        long min = 60_000;
        assertNotNull(trigger.onEvaluation(List.of(deadlock), 0));
        assertNull(trigger.onEvaluation(List.of(deadlock, heap), min), "inside the cool-down");
        assertEquals("new critical finding: heap-pressure", trigger.onEvaluation(List.of(deadlock, heap), 5 * min));
    }

    @Test
    void aFlappingFindingIsReportedAgainOnlyAfterTheCooldown() {
        long min = 60_000;
        assertNotNull(trigger.onEvaluation(List.of(heap), 0));
        assertNull(trigger.onEvaluation(List.of(), min));
        assertNull(trigger.onEvaluation(List.of(heap), 2 * min));
        assertNull(trigger.onEvaluation(List.of(), 3 * min));
        assertNotNull(trigger.onEvaluation(List.of(heap), 6 * min));
    }
}
