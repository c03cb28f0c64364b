package io.sreagent.bench;

import io.sreagent.feature.jdbc.StackCapture;
import io.sreagent.support.StackSites;
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

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The agent's stack walks on their own, at a few stack depths below the capture point (request threads
 * of web servers are typically 50-100 deep): the JDBC capture (what jdbc.stack=always adds to each
 * acquisition) and the walk to a thread's creating site (what a Thread.start pays when its site is not
 * learned yet).
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
    private StackSites sites;

    @Setup
    public void setUp() {
        AgentCheck.awaitAgent();
        sites = new StackSites(List.of());
        capture = new StackCapture(sites, StackCapture.Mode.ALWAYS, 1);
    }

    @Benchmark
    public StackCapture.Origin capture() {
        return descend(depth);
    }

    @Benchmark
    public StackSites.Found creationSite() {
        return descendToSite(depth);
    }

    private StackCapture.Origin descend(int n) {
        return n == 0 ? capture.capture() : descend(n - 1);
    }

    private StackSites.Found descendToSite(int n) {
        return n == 0 ? sites.find() : descendToSite(n - 1);
    }
}
