package io.sreagent.leaks;

import io.sreagent.config.Options;
import io.sreagent.diagnose.ListenerLeakRule;
import io.sreagent.diagnose.Rule;
import io.sreagent.instrument.Weaving;
import io.sreagent.instrument.listener.ListenerWeaving;
import io.sreagent.jvm.HeapFeature;
import io.sreagent.runtime.AgentContext;
import io.sreagent.runtime.Feature;
import io.sreagent.telemetry.ListenerRegistry;
import io.sreagent.telemetry.Sites;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Listener registrations on application objects and the JDK's listener holders, for the listener-leak rule. */
public final class ListenersFeature implements Feature {
    static final int METRICS_LISTED = 20;

    private ListenerRegistry registry;
    private Sites sites;
    private List<Rule> rules = List.of();

    @Override
    public String name() {
        return "listeners";
    }

    @Override
    public List<Weaving> weavings() {
        return List.of(new ListenerWeaving(sites::isApplication));
    }

    @Override
    public void start(AgentContext context) {
        Duration window = context.config().duration(Options.LISTENERS_WINDOW);
        sites = context.sites();
        registry = new ListenerRegistry(sites, HeapFeature.capacity(window, context.config().duration(Options.EVALUATE_INTERVAL)));
        rules = List.of(new ListenerLeakRule(registry::holders, context.config().integer(Options.LISTENERS_THRESHOLD), window));
        new ListenerEvents(registry).install();
    }

    @Override
    public void sample(long nowMillis) {
        registry.sample(nowMillis);
    }

    @Override
    public List<Rule> rules() {
        return rules;
    }

    @Override
    public void addMetrics(Map<String, Object> metrics) {
        if (registry == null) {
            return;
        }
        List<ListenerRegistry.Holder> holders = new ArrayList<>(registry.holders());
        holders.sort(Comparator.comparingInt(ListenerRegistry.Holder::net).reversed());
        List<Map<String, Object>> listed = new ArrayList<>();
        for (ListenerRegistry.Holder h : holders.subList(0, Math.min(METRICS_LISTED, holders.size()))) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("targetClass", h.targetClass());
            m.put("net", h.net());
            m.put("added", h.added());
            m.put("removed", h.removed());
            listed.add(m);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("targets", holders.size());
        m.put("largest", listed);
        m.put("targetsNotListed", holders.size() - listed.size());
        m.put("dropped", registry.droppedTargets());
        metrics.put("listeners", m);
    }

    @Override
    public void stop() {
        ListenerEvents.uninstall();
    }
}
