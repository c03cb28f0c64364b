package io.sreagent.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
 * A trivial prepared executeQuery on in-memory H2: the statement timing the agent adds to every execution,
 * outside any request ({@code executeQuery}) and inside one inbound request opened through the agent's HTTP
 * hooks ({@code executeQueryInRequest}), where each execution is also counted per shape for n-plus-one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public abstract class H2ExecuteBenchmark {
    private Connection connection;
    private PreparedStatement select;

    @Setup
    public void prepare() throws SQLException {
        AgentCheck.awaitAgent();
        connection = DriverManager.getConnection("jdbc:h2:mem:bench-execute;DB_CLOSE_DELAY=-1");
        select = connection.prepareStatement("SELECT 1");
    }

    @TearDown
    public void close() throws SQLException {
        AgentCheck.printMetrics("jdbc");
        select.close();
        connection.close();
    }

    @Benchmark
    public int executeQuery() throws SQLException {
        try (ResultSet rs = select.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** One request open on the benchmark thread for the whole run, as a servlet filter would open it. */
    @State(Scope.Thread)
    public static class InRequest {
        private long start;

        @Setup
        public void open() throws ReflectiveOperationException {
            if (AgentCheck.withAgent()) {
                start = (long) Class.forName("io.sreagent.bootstrap.HttpHooks").getMethod("inboundEnter").invoke(null);
            }
        }

        @TearDown
        public void close() throws ReflectiveOperationException {
            if (AgentCheck.withAgent()) {
                Class.forName("io.sreagent.bootstrap.HttpHooks").getMethod("inboundLeave", long.class).invoke(null, start);
            }
        }
    }

    @Benchmark
    public int executeQueryInRequest(InRequest request) throws SQLException {
        return executeQuery();
    }

    @Fork(1)
    public static class WithoutAgent extends H2ExecuteBenchmark {
    }

    @Fork(value = 1, jvmArgsAppend = AgentForks.AGENT)
    public static class WithAgent extends H2ExecuteBenchmark {
    }
}
