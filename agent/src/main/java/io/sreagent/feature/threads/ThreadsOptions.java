package io.sreagent.feature.threads;

import io.sreagent.config.Option;

import java.time.Duration;
import java.util.List;

/** The keys of thread-leak. */
final class ThreadsOptions {
    static final Option<Integer> STEADY = Option.integer("threads.steady", "20", 5, 1_000_000,
            "threads (or pools, timers) one site started and still has alive, rising steadily for 3 evaluations, that are a leak at once");
    static final Option<Integer> GROWTH = Option.integer("threads.growth", "50", 1, 1_000_000,
            "live threads gained over `threads.window` that count as a slow leak (one site must account for half)");
    static final Option<Duration> WINDOW = Option.duration("threads.window", "5m",
            "window over which slow thread growth is judged");

    static final List<Option<?>> ALL = List.of(STEADY, GROWTH, WINDOW);

    private ThreadsOptions() {
    }
}
