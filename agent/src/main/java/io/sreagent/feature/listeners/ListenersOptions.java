package io.sreagent.feature.listeners;

import io.sreagent.config.Option;

import java.time.Duration;
import java.util.List;

/** The keys of listener-leak. */
final class ListenersOptions {
    static final Option<Integer> THRESHOLD = Option.integer("listeners.threshold", "100", 2, 1_000_000,
            "net listener registrations on one object that count as a leak while still growing");
    static final Option<Duration> WINDOW = Option.duration("listeners.window", "5m",
            "window over which listener growth is judged");

    static final List<Option<?>> ALL = List.of(THRESHOLD, WINDOW);

    private ListenersOptions() {
    }
}
