package io.sreagent.bench;

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

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.TimeUnit;

/**
 * What the Thread.start advice adds, without the start itself: starting and joining a thread takes
 * about 100 µs on a small machine and varies by more than the agent adds, so {@link ThreadStartBenchmark}
 * cannot resolve it. Here the advice's two hook calls run again and again on one thread object that
 * has already run and ended (so the agent drops it as it would an application's ended thread), in a
 * fork with the agent (the hooks reach the agent's threads feature). The hooks live on the bootstrap
 * path the agent sets up, so they are found at run time, not compiled against.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = AgentForks.AGENT)
public class ThreadStartHookBenchmark {
    private MethodHandle threadStarting;
    private MethodHandle threadStarted;
    private Thread ended;

    @Setup
    public void prepare() throws Throwable {
        AgentCheck.awaitAgent();
        Class<?> hooks = Class.forName("io.sreagent.bootstrap.ThreadHooks");
        threadStarting = MethodHandles.publicLookup().findStatic(hooks, "threadStarting",
                MethodType.methodType(void.class, Object.class));
        threadStarted = MethodHandles.publicLookup().findStatic(hooks, "threadStarted", MethodType.methodType(void.class));
        ended = new Thread(() -> { }, "bench-worker-1");
        ended.start();
        ended.join();
    }

    @TearDown
    public void report() {
        AgentCheck.printMetrics("threads");
    }

    @Benchmark
    public Thread startHooks() throws Throwable {
        threadStarting.invokeExact((Object) ended);
        threadStarted.invokeExact();
        return ended;
    }
}
