package io.sreagent.feature.redis;

import io.sreagent.config.Option;

import java.time.Duration;
import java.util.List;

/** The keys of slow-redis-command and redis-errors; the window they judge is the core `window`. */
final class RedisOptions {
    static final Option<Duration> SLOW = Option.duration("redis.slow", "50ms",
            "a Redis command whose p95 over the window is above this is slow");
    static final Option<Integer> MIN_CALLS = Option.integer("redis.min.calls", "20", 1, 1_000_000,
            "calls of one command within the window before its latency or error share is judged");
    static final Option<Double> ERROR_RATE = Option.percentage("redis.error.rate", "1", 0, 100,
            "failed calls (error replies, time-outs, connection errors) of one command above this share of its calls are reported");
    static final Option<Integer> COMMANDS_MAX = Option.integer("redis.commands.max", "200", 10, 10_000,
            "distinct client and command pairs timed apart; the rest share `(other commands)`");

    static final List<Option<?>> ALL = List.of(SLOW, MIN_CALLS, ERROR_RATE, COMMANDS_MAX);

    private RedisOptions() {
    }
}
