package io.sreagent.bench;

import java.beans.PropertyChangeListener;
import java.beans.PropertyChangeSupport;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One listener added to and removed from a JDK {@link PropertyChangeSupport} (a woven listener holder;
 * classes of the agent's own packages are never woven, so the benchmark cannot use one of its own).
 * {@code addRemove} is the common case, a target with few listeners: no stack walk. {@code addRemoveOnCrowdedTarget}
 * adds to a target that already holds many listeners, where the agent captures the registering site.
 * Each operation is two calls (add and remove).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public abstract class ListenerRegistrationBenchmark {
    private static final int CROWD = 32;

    private final PropertyChangeSupport few = new PropertyChangeSupport(this);
    private final PropertyChangeSupport crowded = new PropertyChangeSupport(this);
    private final PropertyChangeListener listener = event -> { };

    @Setup
    public void prepare() {
        AgentCheck.awaitAgent();
        for (int i = 0; i < CROWD; i++) {
            crowded.addPropertyChangeListener(event -> { });
        }
    }

    @TearDown
    public void report() {
        AgentCheck.printMetrics("listeners");
    }

    @Benchmark
    public PropertyChangeSupport addRemove() {
        few.addPropertyChangeListener(listener);
        few.removePropertyChangeListener(listener);
        return few;
    }

    @Benchmark
    public PropertyChangeSupport addRemoveOnCrowdedTarget() {
        crowded.addPropertyChangeListener(listener);
        crowded.removePropertyChangeListener(listener);
        return crowded;
    }

    @Fork(1)
    public static class WithoutAgent extends ListenerRegistrationBenchmark {
    }

    @Fork(value = 1, jvmArgsAppend = AgentForks.AGENT)
    public static class WithAgent extends ListenerRegistrationBenchmark {
    }
}
