package io.sreagent.weave;

import io.sreagent.bootstrap.AgentPresence;
import io.sreagent.support.AgentLog;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;

/**
 * Installs every enabled feature's weavings with one Byte Buddy agent builder. Retransformation
 * without class-format changes, so the same code serves premain and a late attach (classes already
 * loaded are rewoven in place; no fields or methods are added). Counts, per weaving, the classes it
 * wove and those it could not, with the last error, so a report can say why a library is not seen.
 */
public final class Weaver {
    /** {@code net.bytebuddy.nexus.disabled} as the relocated copy of Byte Buddy inside the agent jar reads it. */
    private static final String NEXUS_DISABLED = net.bytebuddy.dynamic.Nexus.class.getPackageName().replace(".dynamic", "") + ".nexus.disabled";
    /** Targets named per weaving in its status: enough to say which library, bounded. */
    static final int TARGETS_KEPT = 5;
    /** Shown when the error came before any weaving had claimed the class (matching, parsing). */
    static final String UNATTRIBUTED = "(before any weaving matched)";

    private final Map<String, Tally> byName = new LinkedHashMap<>();
    /** The weavings transforming a class right now, by class name: set by the transformer, read by the listener. */
    private final ConcurrentHashMap<String, List<String>> inFlight = new ConcurrentHashMap<>();

    /** What one weaving did: classes woven, classes that failed, the last error and the first failed classes. */
    public record Status(String name, long woven, long failures, String lastError, List<String> failedTargets) {
    }

    /**
     * Installs the weavings of each feature, named {@code feature:weaving}. Throws when Byte Buddy cannot
     * install at all; single classes that fail are counted in {@link #status()} and stay as they were.
     */
    public void install(Instrumentation inst, Map<String, List<Weaving>> byFeature) {
        // Byte Buddy's Nexus (for initialisers the agent does not use) is otherwise built with the builder, and
        // on JDK 25 its Unsafe look-up prints a warning into the application's output. The key is the
        // shaded copy's own (relocated), so an application's own Byte Buddy is not affected.
        System.setProperty(NEXUS_DISABLED, "true");
        AgentBuilder builder = new AgentBuilder.Default()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(new Listener())
                .ignore(nameStartsWith("io.sreagent.").or(nameStartsWith("net.bytebuddy.")));
        System.clearProperty(NEXUS_DISABLED);
        boolean any = false;
        for (Map.Entry<String, List<Weaving>> feature : byFeature.entrySet()) {
            for (Weaving w : feature.getValue()) {
                String name = feature.getKey() + ":" + w.name();
                synchronized (byName) {
                    byName.put(name, new Tally());
                }
                builder = builder.type(claimOnError(name, w.types()))
                        .transform(claiming(name, w.transformer()))
                        // Named modules (java.base, java.sql, java.net.http...) must be able to read the bootstrap hooks.
                        .assureReadEdgeTo(inst, AgentPresence.class);
                any = true;
            }
        }
        if (any) {
            builder.installOn(inst);
        }
    }

    /** Every weaving installed, in install order. */
    public List<Status> status() {
        List<Status> out = new ArrayList<>();
        synchronized (byName) {
            byName.forEach((name, t) -> out.add(t.status(name)));
        }
        return out;
    }

    /** The weaving's transformer, noting first that this weaving is transforming the class. */
    private AgentBuilder.Transformer claiming(String name, AgentBuilder.Transformer transformer) {
        return (builder, type, loader, module, domain) -> {
            inFlight.computeIfAbsent(type.getName(), k -> new CopyOnWriteArrayList<>()).add(name);
            return transformer.transform(builder, type, loader, module, domain);
        };
    }

    /**
     * The weaving's type matcher, told the class loader of the type (the super-type memo is per loader);
     * a matcher that throws claims the class, so the error is counted against it.
     */
    private AgentBuilder.RawMatcher claimOnError(String name, ElementMatcher<? super TypeDescription> types) {
        return (type, loader, module, classBeingRedefined, domain) -> {
            try {
                return SuperTypes.withLoader(loader, () -> types.matches(type));
            } catch (RuntimeException | LinkageError e) {
                inFlight.computeIfAbsent(type.getName(), k -> new CopyOnWriteArrayList<>()).add(name);
                throw e;
            }
        };
    }

    private Tally tally(String name) {
        synchronized (byName) {
            return byName.computeIfAbsent(name, n -> new Tally());
        }
    }

    private final class Listener extends AgentBuilder.Listener.Adapter {
        @Override
        public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded,
                                     DynamicType dynamicType) {
            for (String name : inFlight.getOrDefault(type.getName(), List.of())) {
                tally(name).woven.incrementAndGet();
            }
            AgentLog.get().debug("woven {}", type.getName());
        }

        /** A class that cannot be woven stays as it was; the error is counted against the weavings that tried. */
        @Override
        public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable t) {
            List<String> names = inFlight.getOrDefault(typeName, List.of(UNATTRIBUTED));
            for (String name : names) {
                tally(name).failed(typeName, t);
            }
            AgentLog.get().debug("could not weave {} ({}): {}", typeName, names, t.toString());
        }

        @Override
        public void onComplete(String typeName, ClassLoader loader, JavaModule module, boolean loaded) {
            inFlight.remove(typeName);
        }
    }

    private static final class Tally {
        final AtomicLong woven = new AtomicLong();
        final AtomicLong failures = new AtomicLong();
        final List<String> failedTargets = new CopyOnWriteArrayList<>();
        volatile String lastError;

        void failed(String typeName, Throwable t) {
            failures.incrementAndGet();
            lastError = typeName + ": " + t;
            if (failedTargets.size() < TARGETS_KEPT && !failedTargets.contains(typeName)) {
                failedTargets.add(typeName);
            }
        }

        Status status(String name) {
            return new Status(name, woven.get(), failures.get(), lastError, List.copyOf(failedTargets));
        }
    }

    /** An advice transformer that reads advice classes from the agent's own jar, whatever loader the target has. */
    public static AgentBuilder.Transformer.ForAdvice advice() {
        return new AgentBuilder.Transformer.ForAdvice().include(Weaver.class.getClassLoader());
    }
}
