package io.sreagent.feature.logs;

import io.sreagent.config.Option;

import java.time.Duration;
import java.util.List;

/** The keys of log-errors. */
final class LogsOptions {
    static final Option<Integer> ERRORS = Option.integer("log.errors", "10", 1, 1_000_000,
            "errors logged with an exception per minute, per logger and exception type over the recent window, that raise log-errors");
    static final Option<Duration> WARMUP = Option.duration("log.warmup", "5m",
            "after this long, an exception type a logger has not logged before raises log-errors on its first event");

    static final List<Option<?>> ALL = List.of(ERRORS, WARMUP);

    private LogsOptions() {
    }
}
