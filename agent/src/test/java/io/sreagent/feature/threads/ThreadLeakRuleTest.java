package io.sreagent.feature.threads;

import io.sreagent.report.Finding;
import io.sreagent.report.Severity;
import io.sreagent.report.Site;
import io.sreagent.support.SampleWindow;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThreadLeakRuleTest {
    private static final Duration WINDOW = Duration.ofSeconds(60);
    private static final Site SITE = new Site("com.acme.Orders", "load", "Orders.java", 42);

    private static SampleWindow series(double... values) {
        SampleWindow w = new SampleWindow(100);
        for (int i = 0; i < values.length; i++) {
            w.add(i * 10_000L, values[i]);
        }
        return w;
    }

    private static List<Finding> threads(SampleWindow process, SampleWindow site) {
        ThreadLeakRule.Suspect suspect = new ThreadLeakRule.Suspect(SITE, "pools created at", site,
                Map.of("poolClass", "java.util.concurrent.ThreadPoolExecutor"), List.of("com.acme.Orders.load(Orders.java:42)"));
        List<Finding> out = new ArrayList<>();
        new ThreadLeakRule(process, () -> List.of(suspect), 50, WINDOW, () -> 30)
                .evaluate((process.since(0).count() - 1) * 10_000L, out);
        return out;
    }

    @Test
    void steadyGrowthThatASiteAccountsForIsAThreadLeak() {
        List<Finding> f = threads(series(40, 60, 80, 100, 120, 140, 160), series(0, 20, 40, 60, 80, 100, 120));
        assertEquals(1, f.size());
        Finding leak = f.get(0);
        assertEquals("thread-leak", leak.id());
        assertEquals(Severity.WARNING, leak.severity());
        assertEquals(SITE, leak.site());
        assertEquals(120L, leak.evidence().get("siteThreadGrowth"));
        assertEquals(160L, leak.evidence().get("processThreadsNow"));
        assertEquals(40L, leak.evidence().get("processThreadsAtWindowStart"));
        assertEquals(30, leak.evidence().get("processThreadsAtAgentStart"));
        assertEquals(120.0, (Double) leak.evidence().get("siteThreadsPerMinute"), 0.01);
        assertEquals("java.util.concurrent.ThreadPoolExecutor", leak.evidence().get("poolClass"));
        assertTrue(leak.title().contains("com.acme.Orders.load(Orders.java:42)"), leak.title());
    }

    @Test
    void noThreadLeakWithoutSteadyGrowthOrASiteThatAccountsForIt() {
        assertEquals(List.of(), threads(series(100, 100, 101, 99, 100, 100, 100), series(4, 4, 4, 4, 4, 4, 4)),
                "a fixed pool under load");
        assertEquals(List.of(), threads(series(40, 60, 80, 100), series(0, 20, 40, 60)), "watched for less than a window");
        assertEquals(List.of(), threads(series(40, 60, 80, 100, 120, 140, 160), series(2, 4, 6, 8, 10, 12, 14)),
                "the process grows but this site holds little of it");
        assertEquals(List.of(), threads(series(40, 45, 50, 55, 60, 65, 70), series(0, 5, 10, 15, 20, 25, 30)),
                "growth below the threshold, e.g. a bounded framework pool warming up");
        assertEquals(List.of(), threads(series(40, 200, 40, 200, 40, 200, 160), series(0, 150, 0, 150, 0, 150, 120)),
                "bursts of short-lived threads are not a trend");
    }
}
