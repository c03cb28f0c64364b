package io.sreagent;

import io.sreagent.config.CoreOptions;
import io.sreagent.config.Option;
import io.sreagent.core.Feature;
import io.sreagent.feature.deadlock.DeadlockFeature;
import io.sreagent.feature.fd.FdFeature;
import io.sreagent.feature.http.HttpFeature;
import io.sreagent.feature.jdbc.JdbcFeature;
import io.sreagent.feature.jfr.JfrFeature;
import io.sreagent.feature.listeners.ListenersFeature;
import io.sreagent.feature.logs.LogsFeature;
import io.sreagent.feature.memory.HeapFeature;
import io.sreagent.feature.memory.MemoryFeature;
import io.sreagent.feature.redis.RedisFeature;
import io.sreagent.feature.threads.ThreadsFeature;

import java.util.ArrayList;
import java.util.List;

/** Every feature the agent has, in one place: a new area is one line here. */
public final class Features {
    private Features() {
    }

    /** New instances of every feature, in the order they start and report. */
    public static List<Feature> all() {
        return List.of(new DeadlockFeature(), new HeapFeature(), new FdFeature(), new MemoryFeature(), new JfrFeature(),
                new HttpFeature(), new JdbcFeature(), new RedisFeature(), new ThreadsFeature(), new ListenersFeature(),
                new LogsFeature());
    }

    public static List<String> names(List<Feature> features) {
        return features.stream().map(Feature::name).toList();
    }

    /** Every key there is: the core's, each feature's, and a switch per feature. */
    public static List<Option<?>> options(List<Feature> features) {
        List<Option<?>> all = new ArrayList<>(CoreOptions.ALL);
        features.forEach(f -> all.addAll(f.options()));
        all.addAll(CoreOptions.switches(names(features)));
        return all;
    }
}
