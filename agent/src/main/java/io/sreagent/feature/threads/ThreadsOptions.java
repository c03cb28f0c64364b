package io.sreagent.feature.threads;

import io.sreagent.config.Option;

import java.time.Duration;
import java.util.List;

/** The keys of thread-leak. */
final class ThreadsOptions {
    static final Option<Integer> GROWTH = Option.integer("threads.growth", "50", 1, 1_000_000,
            "live threads gained over `threads.window` that count as a leak (one site must account for half)");
    static final Option<Duration> WINDOW = Option.duration("threads.window", "5m",
            "window over which thread growth is judged");

    static final List<Option<?>> ALL = List.of(GROWTH, WINDOW);

    private ThreadsOptions() {
    }
}
