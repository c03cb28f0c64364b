package io.sreagent.feature.listeners;

import io.sreagent.config.CoreOptions;
import io.sreagent.config.Option;
import io.sreagent.core.AgentContext;
import io.sreagent.core.Feature;
import io.sreagent.core.Rule;
import io.sreagent.feature.listeners.weaving.ListenerWeaving;
import io.sreagent.support.SampleWindow;
import io.sreagent.support.StackSites;
import io.sreagent.weave.Weaving;

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
    private StackSites sites;
    private List<Rule> rules = List.of();

    @Override
    public String name() {
        return "listeners";
    }

    @Override
    public List<Option<?>> options() {
        return ListenersOptions.ALL;
    }

    @Override
    public List<Weaving> weavings() {
        return List.of(new ListenerWeaving(sites::isApplication));
    }

    @Override
    public void start(AgentContext context) {
        Duration window = context.config().get(ListenersOptions.WINDOW);
        sites = context.sites();
        registry = new ListenerRegistry(sites, SampleWindow.capacityFor(window, context.config().get(CoreOptions.EVALUATE_INTERVAL)));
        rules = List.of(new ListenerLeakRule(registry::holders, context.config().get(ListenersOptions.GROWTH), window));
        new ListenerReceiver(registry).install();
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
        ListenerReceiver.uninstall();
    }
}
