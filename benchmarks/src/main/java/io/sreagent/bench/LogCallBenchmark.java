package io.sreagent.bench;

import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Log calls through Logback (SLF4J) and java.util.logging, whose entry points the logs feature weaves:
 * a DEBUG/FINE call below the logger's level (the common case, which must cost nothing more), and an
 * ERROR/SEVERE call with an exception, which the agent counts. The events go to appenders and handlers
 * that drop them, so the rows measure the logging call itself; one exception is reused so that building
 * it is not measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public abstract class LogCallBenchmark {
    private static final Logger LOGBACK = LoggerFactory.getLogger("bench.orders");
    private static final java.util.logging.Logger JUL = java.util.logging.Logger.getLogger("bench.orders");

    private final IllegalStateException failure = new IllegalStateException("order failed");
    private final Object order = "o-1";

    @Setup
    public void prepare() {
        AgentCheck.awaitAgent();
        JUL.setUseParentHandlers(false);
        JUL.setLevel(Level.INFO);
        JUL.addHandler(new Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }

    @TearDown
    public void report() {
        AgentCheck.printMetrics("logs");
    }

    @Benchmark
    public Object logbackDebugDisabled() {
        LOGBACK.debug("pricing order {}", order);
        return order;
    }

    @Benchmark
    public Object logbackErrorWithException() {
        LOGBACK.error("order {} failed", order, failure);
        return order;
    }

    @Benchmark
    public Object julFineDisabled() {
        JUL.log(Level.FINE, "pricing order {0}", order);
        return order;
    }

    @Benchmark
    public Object julSevereWithException() {
        JUL.log(Level.SEVERE, "order failed", failure);
        return order;
    }

    @Fork(1)
    public static class WithoutAgent extends LogCallBenchmark {
    }

    @Fork(value = 1, jvmArgsAppend = AgentForks.AGENT)
    public static class WithAgent extends LogCallBenchmark {
    }
}
