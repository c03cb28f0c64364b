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

    /** One sample every 10 s, the default evaluation interval. */
    private static SampleWindow series(double... values) {
        SampleWindow w = new SampleWindow(100);
        for (int i = 0; i < values.length; i++) {
            w.add(i * 10_000L, values[i]);
        }
        return w;
    }

    private static List<Finding> evaluate(SampleWindow process, ThreadLeakRule.Suspect suspect, long now) {
        List<Finding> out = new ArrayList<>();
        new ThreadLeakRule(process, () -> List.of(suspect), 20, 50, WINDOW, () -> 30).evaluate(now, out);
        return out;
    }

    /** The slow verdict alone: the site's started count keeps pace with nothing, so the steady one stays out. */
    private static List<Finding> threads(SampleWindow process, SampleWindow site) {
        ThreadLeakRule.Suspect suspect = new ThreadLeakRule.Suspect(SITE, "pools created at", "pools", site,
                series(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1), series(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1),
                Map.of("poolClass", "java.util.concurrent.ThreadPoolExecutor"), List.of("com.acme.Orders.load(Orders.java:42)"));
        return evaluate(process, suspect, (process.since(0).count() - 1) * 10_000L);
    }

    /** The steady verdict: {@code alive} and {@code started} per evaluation at one site. */
    private static List<Finding> steady(double[] alive, double[] started) {
        ThreadLeakRule.Suspect suspect = new ThreadLeakRule.Suspect(SITE, "threads \"worker-#\" started at", "threads",
                series(alive), series(alive), series(started), Map.of("threadNamePattern", "worker-#"), List.of());
        return evaluate(series(alive), suspect, (alive.length - 1) * 10_000L);
    }

    private static double[] v(double... values) {
        return values;
    }

    @Test
    void aSiteStartingThreadsThatNeverEndIsALeakAfterThreeRisingEvaluations() {
        // One thread a second, first seen 4 s after the leak began.
        List<Finding> f = steady(v(4, 14, 24, 34), v(4, 14, 24, 34));
        assertEquals(1, f.size(), f.toString());
        Finding leak = f.get(0);
        assertEquals("thread-leak", leak.id());
        assertEquals(Severity.WARNING, leak.severity());
        assertEquals(SITE, leak.site());
        assertEquals(SITE.toString(), leak.subject());
        assertEquals(Duration.ofSeconds(30), leak.window());
        assertEquals("steady", leak.evidence().get("verdict"));
        assertEquals(34L, leak.evidence().get("started"));
        assertEquals(34L, leak.evidence().get("alive"));
        assertEquals(0L, leak.evidence().get("ended"));
        assertEquals(0L, leak.evidence().get("endedWhileRising"));
        assertEquals(60.0, (Double) leak.evidence().get("ratePerMinute"), 0.01);
        assertEquals(30L, leak.evidence().get("observedSeconds"));
        assertEquals(3, leak.evidence().get("risingEvaluations"));
        assertTrue(leak.title().contains("com.acme.Orders.load(Orders.java:42)"), leak.title());
        assertTrue(leak.title().contains("none ended"), leak.title());
    }

    @Test
    void notYetALeak() {
        assertEquals(List.of(), steady(v(4, 14, 24), v(4, 14, 24)), "two rises only");
        assertEquals(List.of(), steady(v(1, 5, 10, 15), v(1, 5, 10, 15)), "fewer than 20 alive");
        assertEquals(List.of(), steady(v(17, 18, 19, 20), v(17, 18, 19, 20)), "20 alive but only 3 more while rising");
    }

    @Test
    void whatStopsRisingOrEndsIsNotALeak() {
        assertEquals(List.of(), steady(v(8, 18, 28, 38, 48, 48, 48), v(8, 18, 28, 38, 48, 48, 48)),
                "a pool of 48 threads that grew to its size and stays there");
        assertEquals(List.of(), steady(v(2, 2, 3, 2, 2, 3, 2), v(10, 20, 30, 40, 50, 60, 70)),
                "a short-lived thread per request");
        assertEquals(List.of(), steady(v(5, 15, 25, 35), v(10, 30, 50, 70)),
                "threads that live long but half of them end");
        assertEquals(List.of(), steady(v(0, 40, 41, 42, 43), v(0, 40, 41, 42, 43)),
                "a warm-up burst, then a trickle: not a steady rate");
        assertEquals(List.of(), steady(v(10, 20, 30, 25, 30, 35), v(10, 20, 30, 30, 35, 40)),
                "some ended: the run restarts, too short yet");
    }

    @Test
    void oneFlatEvaluationDoesNotEndTheRun() {
        List<Finding> f = steady(v(5, 12, 12, 20, 28), v(5, 12, 12, 20, 28));
        assertEquals(1, f.size(), f.toString());
        assertEquals(3, f.get(0).evidence().get("risingEvaluations"));
    }

    @Test
    void slowSteadyGrowthThatASiteAccountsForIsAThreadLeak() {
        List<Finding> f = threads(series(40, 60, 80, 100, 120, 140, 160), series(0, 20, 40, 60, 80, 100, 120));
        assertEquals(1, f.size());
        Finding leak = f.get(0);
        assertEquals("thread-leak", leak.id());
        assertEquals("slow", leak.evidence().get("verdict"));
        assertEquals(SITE.toString(), leak.subject());
        assertEquals(WINDOW, leak.window());
        assertEquals(120L, leak.evidence().get("siteThreadGrowth"));
        assertEquals(160L, leak.evidence().get("processThreadsNow"));
        assertEquals(40L, leak.evidence().get("processThreadsAtWindowStart"));
        assertEquals(30, leak.evidence().get("processThreadsAtAgentStart"));
        assertEquals(120.0, (Double) leak.evidence().get("siteThreadsPerMinute"), 0.01);
        assertEquals("java.util.concurrent.ThreadPoolExecutor", leak.evidence().get("poolClass"));
    }

    @Test
    void noSlowLeakWithoutSteadyGrowthOrASiteThatAccountsForIt() {
        assertEquals(List.of(), threads(series(100, 100, 101, 99, 100, 100, 100), series(4, 4, 4, 4, 4, 4, 4)),
                "a fixed pool under load");
        assertEquals(List.of(), threads(series(40, 60, 80, 100), series(0, 20, 40, 60)), "watched for less than a window");
        assertEquals(List.of(), threads(series(40, 60, 80, 100, 120, 140, 160), series(2, 4, 6, 8, 10, 12, 14)),
                "the process grows but this site holds little of it");
        assertEquals(List.of(), threads(series(40, 45, 50, 55, 60, 65, 70), series(0, 5, 10, 15, 20, 25, 30)),
                "growth below the threshold, e.g. a bounded framework pool warming up");
        assertEquals(List.of(), threads(series(40, 200, 40, 200, 40, 200, 160), series(0, 150, 0, 150, 0, 150, 120)),
                "bursts of short-lived threads are not a trend");
        assertEquals(List.of(), threads(series(40, 70, 100, 130, 130, 130, 130), series(0, 30, 60, 90, 90, 90, 90)),
                "a pool that warmed up to its size and stays there");
    }

    @Test
    void aSiteBothVerdictsWouldNameIsReportedOnce() {
        double[] grow = v(0, 20, 40, 60, 80, 100, 120);
        ThreadLeakRule.Suspect suspect = new ThreadLeakRule.Suspect(SITE, "threads started at", "threads",
                series(grow), series(grow), series(grow), Map.of(), List.of());
        List<Finding> f = evaluate(series(40, 60, 80, 100, 120, 140, 160), suspect, 60_000L);
        assertEquals(1, f.size(), f.toString());
        assertEquals("steady", f.get(0).evidence().get("verdict"));
    }
}
