package io.sreagent.runtime;

import io.sreagent.http.HttpFeature;
import io.sreagent.jdbc.JdbcFeature;
import io.sreagent.jvm.DeadlockFeature;
import io.sreagent.jvm.FdFeature;
import io.sreagent.jfr.JfrFeature;
import io.sreagent.jvm.HeapFeature;
import io.sreagent.jvm.MemoryGrowthFeature;

import java.util.List;

/** Every feature the agent has, in one place: add a line here to add one. */
public final class Features {
    private Features() {
    }

    public static List<Feature> all() {
        return List.of(new DeadlockFeature(), new HeapFeature(), new FdFeature(), new MemoryGrowthFeature(), new JfrFeature(),
                new HttpFeature(), new JdbcFeature());
    }

    public static List<String> names() {
        return all().stream().map(Feature::name).toList();
    }
}
