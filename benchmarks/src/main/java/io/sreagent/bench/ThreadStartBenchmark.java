package io.sreagent.bench;

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
 * {@code Thread.start} + {@code join} of a thread that does nothing: what the threads feature adds to
 * every thread the application starts (a stack walk to the creating site and a weak reference).
 * The benchmark's own frames are the agent's package, so the walk goes on to JMH's frames: a few
 * frames deeper than in an application, i.e. slightly pessimistic.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public abstract class ThreadStartBenchmark {
    private static final Runnable NOTHING = () -> { };

    @Setup
    public void prepare() {
        AgentCheck.awaitAgent();
    }

    @TearDown
    public void report() {
        AgentCheck.printMetrics("threads");
    }

    @Benchmark
    public Thread startAndJoin() throws InterruptedException {
        Thread t = new Thread(NOTHING, "bench-worker");
        t.start();
        t.join();
        return t;
    }

    @Fork(1)
    public static class WithoutAgent extends ThreadStartBenchmark {
    }

    @Fork(value = 1, jvmArgsAppend = AgentForks.AGENT)
    public static class WithAgent extends ThreadStartBenchmark {
    }

    @Fork(value = 1, jvmArgsAppend = AgentForks.AGENT + ",instrument.jfr=off")
    public static class WithAgentNoJfr extends ThreadStartBenchmark {
    }

    @Fork(value = 1, jvmArgsAppend = AgentForks.AGENT + ",instrument.threads=off")
    public static class WithAgentNoThreads extends ThreadStartBenchmark {
    }

    /**
     * No agent, but a JFR recording with the JDK's own default settings: what any running recording
     * costs a new thread (JFR registers each thread with the recording when it starts and ends).
     */
    @Fork(value = 1, jvmArgsAppend = "-XX:StartFlightRecording")
    public static class WithJdkRecordingOnly extends ThreadStartBenchmark {
    }
}
