package io.sreagent.bench;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Files;
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
 * {@code new FileInputStream(file)} + {@code close()} of a small file: what the fd feature adds to
 * every open and close (the opener's shape, a learned site with one stack walk in sixteen, a weak
 * reference in the open table, its removal at close). The benchmark's own frames are the agent's
 * package, so the site walks go on to JMH's frames, a few frames deeper than in an application.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public abstract class FileOpenCloseBenchmark {
    private File file;

    @Setup
    public void prepare() throws IOException {
        AgentCheck.awaitAgent();
        file = File.createTempFile("bench-fd-", ".dat");
        file.deleteOnExit();
        Files.write(file.toPath(), new byte[16]);
    }

    @TearDown
    public void report() {
        AgentCheck.printMetrics("fd");
    }

    @Benchmark
    public int openAndClose() throws IOException {
        try (FileInputStream in = new FileInputStream(file)) {
            return in.getFD().valid() ? 1 : 0;
        }
    }

    @Fork(1)
    public static class WithoutAgent extends FileOpenCloseBenchmark {
    }

    @Fork(value = 1, jvmArgsAppend = AgentForks.AGENT)
    public static class WithAgent extends FileOpenCloseBenchmark {
    }

    @Fork(value = 1, jvmArgsAppend = AgentForks.AGENT + ",instrument.fd=off")
    public static class WithAgentNoFd extends FileOpenCloseBenchmark {
    }
}
