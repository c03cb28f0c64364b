package io.sreagent.runtime;

import io.sreagent.http.HttpFeature;
import io.sreagent.jdbc.JdbcFeature;
import io.sreagent.jvm.DeadlockFeature;
import io.sreagent.jvm.FdFeature;
import io.sreagent.jfr.JfrFeature;
import io.sreagent.jvm.HeapFeature;
import io.sreagent.jvm.MemoryGrowthFeature;
import io.sreagent.leaks.ListenersFeature;
import io.sreagent.leaks.ThreadsFeature;

import java.util.List;

/** Every feature the agent has, in one place: add it to both lists to add one. */
public final class Features {
    /**
     * The names, known without loading a feature class: configuration is read before the bootstrap jar
     * exists, and loading a feature class then could make the verifier look for bootstrap classes too early.
     */
    private static final List<String> NAMES = List.of("deadlock", "heap", "fd", "memory", "jfr", "http", "jdbc", "threads", "listeners");

    private Features() {
    }

    /** New instances of every feature, in {@link #names()} order; call only once the bootstrap jar is in place. */
    public static List<Feature> all() {
        return List.of(new DeadlockFeature(), new HeapFeature(), new FdFeature(), new MemoryGrowthFeature(), new JfrFeature(),
                new HttpFeature(), new JdbcFeature(), new ThreadsFeature(), new ListenersFeature());
    }

    public static List<String> names() {
        return NAMES;
    }
}
