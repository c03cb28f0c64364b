package io.sreagent.feature.logs;

import com.example.fixture.LoggingCode;
import io.sreagent.report.Finding;
import io.sreagent.support.StackSites;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogErrorsRuleTest {
    private static final Duration WINDOW = Duration.ofMinutes(2);
    private static final long MINUTE = 60_000L;

    private final LoggedErrors errors = new LoggedErrors(new StackSites(List.of()));

    private void log(String logger, int times, long now) {
        for (int i = 0; i < times; i++) {
            LoggingCode.logError(errors, logger, "order {} failed", LoggingCode.failure(), now);
        }
    }

    private List<Finding> evaluate(LogErrorsRule rule, long now) {
        errors.sample(now, WINDOW.toMillis());
        List<Finding> out = new ArrayList<>();
        rule.evaluate(now, out);
        return out;
    }

    @Test
    void aRateAboveTheThresholdOverTheWindowRaisesItWithBothSites() {
        LogErrorsRule rule = new LogErrorsRule(errors::entries, 10, WINDOW, Long.MAX_VALUE);
        long now = 10 * MINUTE;
        log("com.acme.Orders", 20, now); // 10 a minute over 2 minutes: not above
        assertEquals(List.of(), evaluate(rule, now));
        log("com.acme.Orders", 1, now + 10_000);
        List<Finding> out = evaluate(rule, now + 10_000);
        assertEquals(1, out.size(), out.toString());
        Finding f = out.get(0);
        assertEquals("log-errors", f.id());
        assertEquals("com.acme.Orders java.lang.IllegalStateException", f.subject());
        assertEquals(WINDOW, f.window());
        assertEquals("failure", f.site().method());
        assertEquals("com.example.fixture.LoggingCode", f.site().className());
        assertEquals(21L, f.evidence().get("count"));
        assertEquals(10.5, f.evidence().get("perMinute"));
        assertEquals("order {} failed", f.evidence().get("messagePattern"));
        assertTrue(((String) f.evidence().get("loggedAt")).startsWith("com.example.fixture.LoggingCode.logError("), f.evidence().toString());
        assertEquals(false, f.evidence().get("newType"));
        assertEquals(120L, f.evidence().get("windowSeconds"));
        assertTrue(f.title().contains("com.acme.Orders logged IllegalStateException 21 times"), f.title());

        // Once the burst is older than the window, the rule stops producing it (the finding log recovers it).
        assertEquals(List.of(), evaluate(rule, now + 10_000 + WINDOW.toMillis() + 1));
    }

    @Test
    void aNewTypeAfterTheWarmUpRaisesItOnItsFirstEventOnlyWhileRecent() {
        long warmUpOver = 5 * MINUTE;
        LogErrorsRule rule = new LogErrorsRule(errors::entries, 10, WINDOW, warmUpOver);
        log("com.acme.Startup", 3, MINUTE); // during the warm-up: a known type from then on
        assertEquals(List.of(), evaluate(rule, MINUTE));
        log("com.acme.Startup", 1, 6 * MINUTE);
        assertEquals(List.of(), evaluate(rule, 6 * MINUTE), "known before the warm-up ended");
        log("com.acme.Payments", 1, 7 * MINUTE);
        List<Finding> out = evaluate(rule, 7 * MINUTE);
        assertEquals(1, out.size(), out.toString());
        assertEquals(true, out.get(0).evidence().get("newType"));
        assertTrue(out.get(0).title().startsWith("new error in the logs: com.acme.Payments logged IllegalStateException 1 time(s)"),
                out.get(0).title());
        log("com.acme.Payments", 1, 10 * MINUTE);
        assertEquals(List.of(), evaluate(rule, 10 * MINUTE), "no longer new once first seen before the window");
    }

    @Test
    void subjectsAreBoundedWithTheirEventsCounted() {
        for (int i = 0; i < LoggedErrors.MAX_SUBJECTS + 5; i++) {
            log("logger" + i, 1, 0);
        }
        assertEquals(LoggedErrors.MAX_SUBJECTS, errors.entries().size());
        assertEquals(5, errors.droppedEvents());
        assertEquals(LoggedErrors.MAX_SUBJECTS + 5, errors.byFramework().get("logback"));
    }
}
