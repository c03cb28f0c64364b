package io.sreagent.feature.jfr;

import io.sreagent.report.Finding;
import io.sreagent.report.Severity;
import io.sreagent.report.Site;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HotMethodRuleTest {
    static final Site SITE = new Site("com.acme.Codes", "check", null, 42);
    static final long PERIOD = 20;

    static StackTraceElement frame(String c, String m) {
        return new StackTraceElement(c, m, null, 1);
    }

    /** Ten one-second ticks; each tick gets {@code regex} regex samples and {@code other} spread samples. */
    static ExecutionProfile profile(int regex, int other) {
        ExecutionProfile p = new ExecutionProfile(100);
        for (int t = 1; t <= 10; t++) {
            for (int i = 0; i < regex; i++) {
                p.add("worker", List.of(frame("java.util.regex.Pattern$Loop", i % 2 == 0 ? "match" : "matchInit"),
                        frame("com.acme.Codes", "check")), SITE);
            }
            for (int i = 0; i < other; i++) {
                p.add("worker-" + i, List.of(frame("com.acme.Work", "step" + i)), new Site("com.acme.Work", "step" + i, null, i));
            }
            p.closeTick(t * 1000L);
        }
        return p;
    }

    static List<Finding> evaluate(ExecutionProfile p) {
        List<Finding> out = new ArrayList<>();
        new HotMethodRule(p, Duration.ofSeconds(60), 50, 0.25, PERIOD).evaluate(10_000, out);
        return out;
    }

    @Test
    void regexBacktrackingThatKeepsACoreBusyIsAWarningAtItsSite() {
        List<Finding> out = evaluate(profile(45, 5)); // 45 samples/s at 20 ms: about 0.9 cores
        assertEquals(1, out.size());
        Finding f = out.get(0);
        assertEquals("hot-method", f.id());
        assertEquals(Severity.WARNING, f.severity());
        assertEquals("java.util.regex backtracking", f.evidence().get("culprit"));
        assertTrue(((String) f.evidence().get("method")).startsWith("java.util.regex.Pattern$Loop."));
        assertEquals(SITE, f.site());
        assertEquals(90.0, f.evidence().get("sharePercent"));
        assertTrue(f.advice().get(1).contains("possessive"));
    }

    @Test
    void aDominantMethodOnAnAlmostIdleJvmIsOnlyInfo() {
        List<Finding> out = evaluate(profile(6, 0)); // 60 samples in 9 s: about 0.13 cores
        assertEquals(Severity.INFO, out.get(0).severity());
    }

    @Test
    void spreadSamplesOrTooFewSamplesAreNoFinding() {
        assertEquals(List.of(), evaluate(profile(0, 40)));
        assertEquals(List.of(), evaluate(profile(2, 0)));
    }

    @Test
    void aPlainMethodCanDominateToo() {
        ExecutionProfile p = new ExecutionProfile(100);
        for (int t = 1; t <= 10; t++) {
            for (int i = 0; i < 30; i++) {
                p.add("worker", List.of(frame("com.acme.Prices", "recompute")), new Site("com.acme.Prices", "recompute", null, 9));
            }
            p.closeTick(t * 1000L);
        }
        Finding f = evaluate(p).get(0);
        assertEquals("com.acme.Prices.recompute", f.evidence().get("method"));
        assertEquals(null, f.evidence().get("culprit"));
        assertEquals(List.of("com.acme.Prices.recompute"), f.stack());
    }
}
