package io.sreagent.feature.fd;

import io.sreagent.config.Option;

import java.time.Duration;
import java.util.List;

/** The keys of fd-leak. */
final class FdOptions {
    static final Option<Integer> GROWTH = Option.integer("fd.growth", "64", 1, 1_000_000,
            "descriptors the process gains steadily over `fd.window` that count as a leak (a quarter of it when the trend reaches the limit within `fd.time-to-limit`)");
    static final Option<Duration> WINDOW = Option.duration("fd.window", "5m",
            "window over which the process's descriptor count is judged (judged from half of it on)");
    static final Option<Duration> TIME_TO_LIMIT = Option.duration("fd.time-to-limit", "30m",
            "a descriptor trend that reaches the process's limit this soon is critical");
    static final Option<Duration> AGE = Option.duration("fd.age", "30s",
            "a stream or socket open this long counts as held by its opening site");
    static final Option<Integer> UNCLOSED = Option.integer("fd.unclosed", "10", 1, 1_000_000,
            "streams or sockets of one opening site held past `fd.age` while rising, or garbage-collected without close() within `window`, that count as a leak");

    static final List<Option<?>> ALL = List.of(GROWTH, WINDOW, TIME_TO_LIMIT, AGE, UNCLOSED);

    private FdOptions() {
    }
}
