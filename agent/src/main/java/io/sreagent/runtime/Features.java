package io.sreagent.runtime;

import io.sreagent.jvm.DeadlockFeature;
import io.sreagent.jvm.FdFeature;
import io.sreagent.jfr.JfrFeature;
import io.sreagent.jvm.HeapFeature;
import io.sreagent.jvm.MemoryGrowthFeature;
import io.sreagent.leaks.ListenersFeature;
import io.sreagent.leaks.ThreadsFeature;

import java.util.List;

/** Every feature the agent has, in one place: add a line here to add one. */
public final class Features {
    private Features() {
    }

    public static List<Feature> all() {
        return List.of(new DeadlockFeature(), new HeapFeature(), new FdFeature(), new MemoryGrowthFeature(), new JfrFeature(),
                new ThreadsFeature(), new ListenersFeature());
    }

    public static List<String> names() {
        return all().stream().map(Feature::name).toList();
    }
}
