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
 * What the Jedis command advice adds, without the command: a loopback round trip to Redis (about
 * 20 µs, and more on a busy machine) varies by more than the agent adds, so {@link RedisCommandBenchmark}
 * cannot resolve it. Here the advice's two hook calls (clock, request share, the command's recorder)
 * run again and again for a GET, in a fork with the agent. The hooks live on the bootstrap path the
 * agent sets up, so they are found at run time, not compiled against.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = AgentForks.AGENT)
public class RedisHookBenchmark {
    private MethodHandle enter;
    private MethodHandle exit;

    @Setup
    public void prepare() throws Throwable {
        AgentCheck.awaitAgent();
        Class<?> hooks = Class.forName("io.sreagent.bootstrap.RedisHooks");
        enter = MethodHandles.publicLookup().findStatic(hooks, "blockingEnter", MethodType.methodType(long.class));
        exit = MethodHandles.publicLookup().findStatic(hooks, "blockingExit",
                MethodType.methodType(void.class, long.class, String.class, String.class, Throwable.class));
    }

    @TearDown
    public void report() {
        AgentCheck.printMetrics("redis");
    }

    @Benchmark
    public long commandHooks() throws Throwable {
        long start = (long) enter.invokeExact();
        exit.invokeExact(start, "jedis", "GET", (Throwable) null);
        return start;
    }
}
