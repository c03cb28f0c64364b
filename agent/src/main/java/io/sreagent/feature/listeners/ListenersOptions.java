package io.sreagent.feature.listeners;

import io.sreagent.config.Option;

import java.time.Duration;
import java.util.List;

/** The keys of listener-leak. */
final class ListenersOptions {
    static final Option<Integer> GROWTH = Option.integer("listeners.growth", "20", 2, 1_000_000,
            "net listener registrations one object gains steadily over `listeners.window` that count as a leak");
    static final Option<Duration> WINDOW = Option.duration("listeners.window", "1m",
            "window over which listener growth is judged (judged from half of it on)");

    static final List<Option<?>> ALL = List.of(GROWTH, WINDOW);

    private ListenersOptions() {
    }
}
