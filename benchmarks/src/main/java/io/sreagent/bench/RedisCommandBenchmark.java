package io.sreagent.bench;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
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
import redis.clients.jedis.JedisPooled;

/**
 * One GET of a small key against the real Redis on 127.0.0.1:6379, with Jedis and with Lettuce's sync
 * API: the command timing (and, for Lettuce, the completion listener) the agent adds to every command.
 * A loopback round trip is tens of microseconds, so the difference is the agent's part.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public abstract class RedisCommandBenchmark {
    private static final String KEY = "sre-agent:bench:key";
    private JedisPooled jedis;
    private RedisClient lettuceClient;
    private StatefulRedisConnection<String, String> lettuce;

    @Setup
    public void connect() {
        AgentCheck.awaitAgent();
        jedis = new JedisPooled("127.0.0.1", 6379);
        jedis.set(KEY, "value");
        lettuceClient = RedisClient.create("redis://127.0.0.1:6379");
        lettuce = lettuceClient.connect();
    }

    @TearDown
    public void close() {
        AgentCheck.printMetrics("redis");
        lettuce.close();
        lettuceClient.shutdown();
        jedis.close();
    }

    @Benchmark
    public String jedisGet() {
        return jedis.get(KEY);
    }

    @Benchmark
    public String lettuceGet() {
        return lettuce.sync().get(KEY);
    }

    @Fork(1)
    public static class WithoutAgent extends RedisCommandBenchmark {
    }

    @Fork(value = 1, jvmArgsAppend = AgentForks.AGENT)
    public static class WithAgent extends RedisCommandBenchmark {
    }
}
