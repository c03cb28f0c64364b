package io.sreagent.bench;

import io.sreagent.telemetry.Sites;
import io.sreagent.telemetry.jdbc.StackCapture;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The agent's stack capture on its own (what jdbc.stack=always adds to each acquisition), at a few
 * stack depths below the capture point: request threads of web servers are typically 50-100 deep.
 * The agent's classes come from the -javaagent jar, so this runs only with the agent.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = AgentForks.AGENT)
public class StackCaptureBenchmark {
    @Param({"10", "60"})
    public int depth;

    private StackCapture capture;

    @Setup
    public void setUp() {
        AgentCheck.awaitAgent();
        capture = new StackCapture(new Sites(List.of()), StackCapture.Mode.ALWAYS, 1);
    }

    @Benchmark
    public StackCapture.Origin capture() {
        return descend(depth);
    }

    private StackCapture.Origin descend(int n) {
        return n == 0 ? capture.capture() : descend(n - 1);
    }
}
