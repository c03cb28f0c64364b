package io.sreagent.feature.listeners;

import io.sreagent.report.Finding;
import io.sreagent.support.StackSites;
import com.example.fixture.AppCode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ListenerLeakRuleTest {
    private static final Duration WINDOW = Duration.ofSeconds(60);

    @Test
    void listenerLeakNeedsASteadyRiseOnOneTarget() {
        ListenerRegistry registry = new ListenerRegistry(new StackSites(List.of()), 100);
        Object bus = new Object();
        Object quiet = new Object();
        List<Object> kept = new ArrayList<>();
        ListenerLeakRule rule = new ListenerLeakRule(registry::holders, 30, WINDOW);
        for (int i = 0; i < 40; i++) {
            Object l = new Object();
            kept.add(l);
            AppCode.register(registry, quiet, l); // registered once at start-up, however many
        }
        List<Finding> out = new ArrayList<>();
        for (int tick = 0; tick < 7; tick++) {
            for (int i = 0; i < 10; i++) {
                Object l = new Object();
                kept.add(l);
                AppCode.register(registry, bus, l);
                Object shortLived = new Object();
                AppCode.register(registry, quiet, shortLived);
                registry.removed(quiet, Object.class, new Object[]{shortLived});
            }
            registry.sample(tick * 10_000L);
        }
        rule.evaluate(60_000L, out);
        assertEquals(1, out.size(), out.toString());
        Finding f = out.get(0);
        assertEquals("listener-leak", f.id());
        assertEquals(70L, f.evidence().get("netRegistrations"));
        assertEquals(60L, f.evidence().get("growthInWindow"));
        assertEquals("register", f.site().method());
        assertEquals(Map.of("java.lang.Object", 70), f.evidence().get("listenerClasses"));
        assertTrue(f.title().startsWith("potential listener leak: 70 listeners on one java.lang.Object"), f.title());
        assertEquals("java.lang.Object " + f.site(), f.subject());
        assertEquals(110, kept.size());
    }
}
