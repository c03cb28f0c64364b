package io.sreagent.feature.jfr;

import io.sreagent.report.Site;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.sreagent.feature.jfr.CulpritTest.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExecutionProfileTest {
    static final Site SITE = new Site("com.acme.Codes", "check", null, 42);

    @Test
    void samplesAreCountedPerMethodCulpritThreadAndStack() {
        ExecutionProfile p = new ExecutionProfile(10);
        List<StackTraceElement> regex = List.of(frame("java.util.regex.Pattern$Loop", "match"), frame("com.acme.Codes", "check"));
        for (int i = 0; i < 3; i++) {
            p.add("worker-1", regex, SITE);
        }
        p.add("worker-2", List.of(frame("com.acme.Prices", "sum")), new Site("com.acme.Prices", "sum", null, 7));
        p.closeTick(1_000);
        p.add("worker-1", regex, SITE);
        p.closeTick(2_000);

        ExecutionProfile.Tick w = p.since(0);
        assertEquals(5, w.samples());
        assertEquals(4, w.methods().get("java.util.regex.Pattern$Loop.match"));
        assertEquals(4, w.culprits().get("REGEX"));
        assertEquals(4, w.sites("REGEX").get(SITE));
        assertEquals(4, w.threads().get("worker-1"));
        assertEquals(4, w.stacks().get("com.acme.Codes.check;java.util.regex.Pattern$Loop.match"));
        assertEquals(1, p.since(1_500).samples(), "only the tick that ended after 1.5 s");
    }

    @Test
    void oldTicksFallOffAndNewKeysPastTheCapAreDropped() {
        ExecutionProfile p = new ExecutionProfile(2);
        for (int t = 1; t <= 3; t++) {
            p.add("main", List.of(frame("com.acme.A", "a")), null);
            p.closeTick(t * 1000L);
        }
        assertEquals(2, p.since(0).samples());

        for (int i = 0; i < ExecutionProfile.MAX_KEYS + 5; i++) {
            p.add("main", List.of(frame("com.acme.A", "m" + i)), null);
        }
        p.closeTick(4_000);
        ExecutionProfile.Tick last = p.since(3_500);
        assertEquals(ExecutionProfile.MAX_KEYS, last.methods().size());
        assertTrue(last.dropped() >= 5, "samples that lost a key are counted");
    }
}
