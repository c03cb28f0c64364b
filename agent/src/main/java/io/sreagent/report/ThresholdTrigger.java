package io.sreagent.report;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides when a new critical finding deserves a report of its own. A finding is announced once
 * while it lasts; after any threshold report, the next waits out the cool-down, so a flapping
 * condition cannot flood the disk. A finding that appears during the cool-down is reported when it
 * ends, if it is still there.
 */
public final class ThresholdTrigger {
    private final long cooldownMillis;
    private final Set<String> announced = new HashSet<>();
    private long lastReportMillis = Long.MIN_VALUE;

    public ThresholdTrigger(Duration cooldown) {
        this.cooldownMillis = cooldown.toMillis();
    }

    /** Returns the reason for a threshold report now, or null when none is due. */
    public synchronized String onEvaluation(List<Finding> findings, long nowMillis) {
        Set<String> critical = findings.stream()
                .filter(f -> f.severity() == Severity.CRITICAL)
                .map(Finding::key)
                .collect(Collectors.toSet());
        announced.retainAll(critical);
        List<Finding> fresh = findings.stream()
                .filter(f -> f.severity() == Severity.CRITICAL && !announced.contains(f.key()))
                .toList();
        if (fresh.isEmpty()) {
            return null;
        }
        if (lastReportMillis != Long.MIN_VALUE && nowMillis - lastReportMillis < cooldownMillis) {
            return null;
        }
        lastReportMillis = nowMillis;
        fresh.forEach(f -> announced.add(f.key()));
        return "new critical finding" + (fresh.size() > 1 ? "s: " : ": ")
                + fresh.stream().map(f -> f.id() + (f.site() == null ? "" : " at " + f.site())).collect(Collectors.joining("; "));
    }
}
