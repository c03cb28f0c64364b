package io.sreagent.feature.http;

import io.sreagent.config.Option;

import java.time.Duration;
import java.util.List;

/** The keys of the inbound (slow-endpoint, endpoint-errors) and outbound (external calls) rules. */
final class HttpOptions {
    static final Option<Duration> SLOW_P95 = Option.duration("http.slow.p95", "500ms",
            "a route's p95 above this is a `slow-endpoint`");
    static final Option<Duration> SLOW_P99 = Option.duration("http.slow.p99", "1s",
            "a route's p99 above this is a `slow-endpoint`");
    static final Option<Integer> MIN_REQUESTS = Option.integer("http.min.requests", "20", 1, 1_000_000,
            "requests a route needs before its latency and errors are judged");
    static final Option<Duration> WARM_UP = Option.duration("http.warmup", "30s", "1s", "1h",
            "after a route's first request, how long its latency tail is not judged (cold JIT, lazy caches); its median is");
    static final Option<Double> ERROR_RATE = Option.percentage("http.error.rate", "0.1", 0, 100,
            "share of 5xx answers of a route above which it is reported");
    static final Option<Integer> ROUTES_MAX = Option.integer("http.routes.max", "200", 1, 10_000,
            "distinct routes tracked; more go to the route `other`");
    static final Option<Duration> EXTERNAL_SLOW_P95 = Option.duration("external.slow.p95", "500ms",
            "p95 of calls to a host above this is a `slow-external-call`");
    static final Option<Integer> EXTERNAL_MIN_CALLS = Option.integer("external.min.calls", "5", 1, 1_000_000,
            "calls to a host needed before its latency, 429s and errors are judged");
    static final Option<Double> EXTERNAL_ERROR_RATE = Option.percentage("external.error.rate", "1", 0, 100,
            "share of failed calls (5xx, time-outs, I/O errors) above which they are reported");
    static final Option<Integer> EXTERNAL_HOSTS_MAX = Option.integer("external.hosts.max", "100", 1, 10_000,
            "distinct outbound client/method/host entries; more go to the host `other`");

    static final List<Option<?>> ALL = List.of(SLOW_P95, SLOW_P99, MIN_REQUESTS, WARM_UP, ERROR_RATE, ROUTES_MAX, EXTERNAL_SLOW_P95,
            EXTERNAL_MIN_CALLS, EXTERNAL_ERROR_RATE, EXTERNAL_HOSTS_MAX);

    private HttpOptions() {
    }
}
