package io.sreagent.core;

import io.sreagent.report.Finding;
import io.sreagent.report.Severity;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FindingLogTest {
    private static Finding slow(String route) {
        return new Finding("slow-endpoint", Severity.WARNING, "slow " + route).subject(route);
    }

    @Test
    void aFindingKeepsItsFirstSeenWhileItLasts() {
        FindingLog log = new FindingLog(300_000);
        log.observe(10_000, List.of(slow("GET /a")));
        Finding later = log.observe(20_000, List.of(slow("GET /a"))).get(0);
        assertEquals(Instant.ofEpochMilli(10_000), later.firstSeen());
        assertEquals(Instant.ofEpochMilli(20_000), later.lastSeen());
        assertEquals(Finding.State.ACTIVE, later.state());
    }

    @Test
    void aStoppedProblemIsListedAsRecoveredInfoForOneInterval() {
        FindingLog log = new FindingLog(300_000);
        log.observe(10_000, List.of(slow("GET /a"), slow("GET /b")));
        log.observe(20_000, List.of(slow("GET /b")));
        List<Finding> listed = log.forReport(30_000, false);
        assertEquals(2, listed.size());
        assertEquals("GET /b", listed.get(0).subject());
        Finding recovered = listed.get(1);
        assertEquals(Finding.State.RECOVERED, recovered.state());
        assertEquals(Severity.INFO, recovered.severity());
        assertEquals(Instant.ofEpochMilli(10_000), recovered.lastSeen());
        assertTrue(recovered.advice().isEmpty());
        log.observe(330_000, List.of(slow("GET /b")));
        assertEquals(List.of("GET /b"), log.forReport(330_000, false).stream().map(Finding::subject).toList());
    }

    @Test
    void aPeriodicReportListsWhatRecoveredDuringItsIntervalOnlyOnce() {
        FindingLog log = new FindingLog(300_000);
        log.forReport(0, true);
        log.observe(10_000, List.of(slow("GET /a")));
        log.observe(20_000, List.of());
        List<Finding> first = log.forReport(300_000, true);
        assertEquals(1, first.size());
        assertEquals(Finding.State.RECOVERED, first.get(0).state());
        log.observe(310_000, List.of());
        assertTrue(log.forReport(600_000, true).isEmpty());
    }

    @Test
    void aProblemThatComesBackStartsAgain() {
        FindingLog log = new FindingLog(300_000);
        log.observe(10_000, List.of(slow("GET /a")));
        log.observe(20_000, List.of());
        Finding again = log.observe(30_000, List.of(slow("GET /a"))).get(0);
        assertEquals(Instant.ofEpochMilli(30_000), again.firstSeen());
        assertEquals(1, log.forReport(30_000, false).size());
    }

    @Test
    void findingsWithoutSubjectOrSiteAreNotMergedIntoOne() {
        FindingLog log = new FindingLog(300_000);
        List<Finding> two = List.of(new Finding("slow-endpoint", Severity.WARNING, "a"), new Finding("slow-endpoint", Severity.WARNING, "b"));
        assertEquals(2, log.observe(10_000, two).size());
        assertEquals(2, log.forReport(10_000, false).size());
    }

    @Test
    void theLogIsBoundedAndCountsWhatItDropped() {
        FindingLog log = new FindingLog(300_000);
        for (int i = 0; i < FindingLog.MAX_TRACKED + 10; i++) {
            log.observe(i, List.of(slow("GET /" + i)));
        }
        assertEquals(FindingLog.MAX_TRACKED, log.metrics().get("tracked"));
        assertEquals(10L, log.metrics().get("dropped"));
    }
}
