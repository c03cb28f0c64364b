package io.sreagent.feature.fd;

import io.sreagent.config.Option;

import java.time.Duration;
import java.util.List;

/** The keys of fd-leak. */
final class FdOptions {
    static final Option<Integer> GROWTH = Option.integer("fd.growth", "64", 1, 1_000_000,
            "descriptors gained over `fd.window` that count as a leak");
    static final Option<Duration> WINDOW = Option.duration("fd.window", "10m",
            "window over which descriptor growth is judged");

    static final List<Option<?>> ALL = List.of(GROWTH, WINDOW);

    private FdOptions() {
    }
}
