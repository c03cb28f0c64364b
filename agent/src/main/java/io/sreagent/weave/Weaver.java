package io.sreagent.weave;

import io.sreagent.bootstrap.AgentPresence;
import io.sreagent.core.AgentLog;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;

import java.lang.instrument.Instrumentation;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;

/**
 * Installs every enabled feature's weavings with one Byte Buddy agent builder. Retransformation
 * without class-format changes, so the same code serves premain and a late attach (classes already
 * loaded are rewoven in place; no fields or methods are added).
 */
public final class Weaver {
    private static final AtomicLong FAILURES = new AtomicLong();

    private Weaver() {
    }

    public static void install(Instrumentation inst, List<Weaving> weavings) {
        if (weavings.isEmpty()) {
            return;
        }
        AgentBuilder builder = new AgentBuilder.Default()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.RedefinitionStrategy.DiscoveryStrategy.Reiterating.INSTANCE)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(new FailureListener())
                .ignore(nameStartsWith("io.sreagent.").or(nameStartsWith("net.bytebuddy.")));
        for (Weaving w : weavings) {
            builder = builder.type(w.types())
                    .transform(w.transformer())
                    // Named modules (java.base, java.sql, java.net.http...) must be able to read the bootstrap hooks.
                    .assureReadEdgeTo(inst, AgentPresence.class);
        }
        builder.installOn(inst);
    }

    /** Weaving errors (a class that cannot be rewoven) are counted and logged at debug; the class stays as it was. */
    public static long failures() {
        return FAILURES.get();
    }

    private static final class FailureListener extends AgentBuilder.Listener.Adapter {
        @Override
        public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable t) {
            FAILURES.incrementAndGet();
            AgentLog.get().debug("could not weave {}: {}", typeName, t.toString());
        }

        @Override
        public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded,
                                     DynamicType dynamicType) {
            AgentLog.get().debug("woven {}", type.getName());
        }
    }

    /** An advice transformer that reads advice classes from the agent's own jar, whatever loader the target has. */
    public static AgentBuilder.Transformer.ForAdvice advice() {
        return new AgentBuilder.Transformer.ForAdvice().include(Weaver.class.getClassLoader());
    }
}
