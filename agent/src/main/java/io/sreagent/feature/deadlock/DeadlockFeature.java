package io.sreagent.feature.deadlock;

import io.sreagent.core.AgentContext;
import io.sreagent.core.Feature;
import io.sreagent.core.Rule;

import java.lang.management.ManagementFactory;
import java.util.List;

/** Deadlocked threads, asked of the ThreadMXBean at every evaluation. */
public final class DeadlockFeature implements Feature {
    private List<Rule> rules = List.of();

    @Override
    public String name() {
        return "deadlock";
    }

    @Override
    public void start(AgentContext context) {
        rules = List.of(new DeadlockRule(ManagementFactory.getThreadMXBean(), context.sites()));
    }

    @Override
    public List<Rule> rules() {
        return rules;
    }
}
