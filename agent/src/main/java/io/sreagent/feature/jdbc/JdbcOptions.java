package io.sreagent.feature.jdbc;

import io.sreagent.config.Option;

import java.time.Duration;
import java.util.List;

/** The keys of connection-leak, pool-exhaustion, slow-query and n-plus-one (all but connection-leak also read the core `window`). */
final class JdbcOptions {
    static final Option<Duration> LEAK_THRESHOLD = Option.duration("jdbc.leak.threshold", "30s",
            "a connection held this long without `close()` is a suspected leak");
    static final Option<List<String>> LEAK_ALLOW = Option.packages("jdbc.leak.allow",
            "comma-separated packages, classes or Class.method names such as com.acme.BatchJob.run",
            "acquisition sites that hold connections for long on purpose; never reported");
    static final Option<Integer> TRACK_MAX = Option.integer("jdbc.track.max", "10000", 100, 10_000_000,
            "open connections tracked at once (plus 8 per thread, kept apart so the common path stays cheap); more are counted in `metrics.jdbc.connections.dropped`");
    static final Option<String> STACK = Option.oneOf("jdbc.stack", "sampled", List.of("always", "sampled", "never"),
            "when the stack of a connection acquisition is captured (see JDBC below)");
    static final Option<Integer> STACK_SAMPLE = Option.integer("jdbc.stack.sample", "256", 1, 1_000_000,
            "with `sampled`, one acquisition in this many");
    static final Option<Duration> SLOW = Option.duration("jdbc.slow", "1s",
            "a SQL execution this long is slow (sampled with its site, JFR event)");
    static final Option<Integer> STATEMENTS_MAX = Option.integer("jdbc.statements.max", "200", 10, 100_000,
            "distinct SQL shapes timed apart; the rest share `(other statements)`");
    static final Option<Boolean> REDACT = Option.onOff("jdbc.redact", "on",
            "SQL literals become `?` in reports; `off` shows SQL as written (may expose data)");
    static final Option<Duration> POOL_WAIT = Option.duration("jdbc.pool.wait", "1s",
            "waiting this long for a connection is a slow acquisition");
    static final Option<Duration> POOL_BUSY = Option.duration("jdbc.pool.busy", "30s",
            "how long a pool must stay at 80 % of its maximum or more to be reported");
    static final Option<Duration> POOL_WINDOW = Option.durationOrOff("jdbc.pool.window", "off",
            "window over which pool timeouts, waits and use are judged; `off`: the core `window` (statements always use `window`)");

    static final Option<Integer> N_PLUS_ONE = Option.integer("jdbc.n-plus-one", "10", 2, 1_000_000,
            "executions of one statement shape within one HTTP request that make it an n-plus-one (a batch counts once)");

    static final List<Option<?>> ALL = List.of(LEAK_THRESHOLD, LEAK_ALLOW, TRACK_MAX, STACK, STACK_SAMPLE, SLOW,
            STATEMENTS_MAX, REDACT, POOL_WAIT, POOL_BUSY, POOL_WINDOW, N_PLUS_ONE);

    private JdbcOptions() {
    }
}
