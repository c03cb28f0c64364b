package io.sreagent.feature.listeners;

import io.sreagent.report.Site;
import io.sreagent.support.StackSites;
import com.example.fixture.AppCode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class ListenerRegistryTest {
    private final ListenerRegistry registry = new ListenerRegistry(new StackSites(List.of()), 16);

    static final class Bus {
        @Override
        public boolean equals(Object o) {
            return true; // an application class with odd equality must not merge targets
        }

        @Override
        public int hashCode() {
            return 1;
        }
    }

    static final class Listener {
    }

    @Test
    void netRegistrationsPerTargetWithSitesCapturedOnceATargetHoldsMany() {
        Bus bus = new Bus();
        Bus other = new Bus();
        List<Listener> kept = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Listener l = new Listener();
            kept.add(l);
            AppCode.register(registry, bus, l);
        }
        AppCode.register(registry, other, new Listener());
        for (int i = 0; i < 5; i++) { // balanced remove/add below the high: no stack walk, so no site
            registry.removed(bus, Bus.class, new Object[]{kept.get(19)});
            AppCode.register(registry, bus, kept.get(19));
        }
        registry.removed(bus, Bus.class, new Object[]{kept.get(3)});
        registry.removed(bus, Bus.class, new Object[]{new Listener()}); // never added here: ignored

        ListenerRegistry.Holder h = holderOf(Bus.class.getName(), 19);
        assertEquals(25, h.added());
        assertEquals(7, h.removed());
        assertEquals(Map.of(Listener.class.getName(), 19), h.byListenerClass());
        Map<Site, Integer> sites = h.bySite();
        assertEquals(1, sites.size());
        Site site = sites.keySet().iterator().next();
        assertEquals("com.example.fixture.AppCode", site.className());
        assertEquals("register", site.method());
        assertEquals(20 - ListenerRegistry.CAPTURE_AFTER - 1, sites.get(site),
                "the first registrations and the re-registration below the high are not walked");
        assertEquals(2, registry.holders().size(), "targets are told apart by identity, not equals");
        assertEquals(20, kept.size());
    }

    @Test
    void theSiteIsTheCallerOfTheHoldersOwnAddMethod() {
        com.example.fixture.EventBus bus = new com.example.fixture.EventBus(registry);
        List<Listener> kept = new ArrayList<>();
        for (int i = 0; i < ListenerRegistry.CAPTURE_AFTER + 1; i++) {
            Listener l = new Listener();
            kept.add(l);
            AppCode.subscribe(bus, l);
        }
        ListenerRegistry.Holder h = holderOf(com.example.fixture.EventBus.class.getName(), kept.size());
        Site site = h.bySite().keySet().iterator().next();
        assertEquals("com.example.fixture.AppCode", site.className());
        assertEquals("subscribe", site.method());
        assertEquals(true, h.stack().get(0).contains("EventBus.addListener"), h.stack().toString());
    }

    @Test
    void windowsAreKeptOnlyForTargetsWithManyListeners() {
        Bus small = new Bus();
        Bus big = new Bus();
        List<Listener> kept = new ArrayList<>();
        for (int i = 0; i < ListenerRegistry.WATCH_FROM; i++) {
            Listener l = new Listener();
            kept.add(l);
            AppCode.register(registry, big, l);
        }
        AppCode.register(registry, small, kept.get(0));
        registry.sample(1);
        assertNull(holderOf(Bus.class.getName(), 1).window());
        assertEquals(1, holderOf(Bus.class.getName(), ListenerRegistry.WATCH_FROM).window().since(0).count());
    }

    @Test
    void theListenerIsTheFirstArgumentThatIsNotAName() {
        Listener l = new Listener();
        assertSame(l, ListenerRegistry.listenerOf(new Object[]{"price", l}));
        assertSame(l, ListenerRegistry.listenerOf(new Object[]{l, "x"}));
        assertNull(ListenerRegistry.listenerOf(new Object[]{"only-a-name"}));
        assertNull(ListenerRegistry.listenerOf(null));
    }

    private ListenerRegistry.Holder holderOf(String targetClass, int net) {
        return registry.holders().stream()
                .filter(h -> h.targetClass().equals(targetClass) && h.net() == net)
                .findFirst().orElseThrow(() -> new AssertionError("no " + targetClass + " holding " + net));
    }
}
