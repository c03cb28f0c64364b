package io.sreagent.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
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
 * HikariCP getConnection + close on an in-memory H2 pool: the pair the agent weaves for leak
 * tracking (the pool's proxy handed out and handed back; no physical connection is opened).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public abstract class HikariAcquireBenchmark {
    private HikariDataSource pool;

    @Setup
    public void openPool() {
        AgentCheck.awaitAgent();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:bench-acquire;DB_CLOSE_DELAY=-1");
        config.setMaximumPoolSize(4);
        pool = new HikariDataSource(config);
    }

    @TearDown
    public void closePool() {
        AgentCheck.printMetrics("jdbc");
        pool.close();
    }

    @Benchmark
    public Connection acquireAndClose() throws SQLException {
        Connection c = pool.getConnection();
        c.close();
        return c;
    }

    @Fork(1)
    public static class WithoutAgent extends HikariAcquireBenchmark {
    }

    /** Default settings: stacks sampled one acquisition in 256. */
    @Fork(value = 1, jvmArgsAppend = AgentForks.AGENT)
    public static class WithAgent extends HikariAcquireBenchmark {
    }

    @Fork(value = 1, jvmArgsAppend = AgentForks.AGENT_STACK_NEVER)
    public static class WithAgentNoStacks extends HikariAcquireBenchmark {
    }

    @Fork(value = 1, jvmArgsAppend = AgentForks.AGENT_STACK_ALWAYS)
    public static class WithAgentEveryStack extends HikariAcquireBenchmark {
    }
}
