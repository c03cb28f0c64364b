package io.sreagent.telemetry.jdbc;

import io.sreagent.telemetry.LatencyRecorder;

import org.HdrHistogram.AtomicHistogram;
import org.HdrHistogram.Histogram;

import java.util.Map;

/**
 * Connection acquisition times in microseconds, up to an hour. An AtomicHistogram over a fixed range
 * costs about two atomic increments per value, against about five for the auto-resizing concurrent
 * one, and acquisition is the hottest JDBC path (every request, often several times).
 */
final class AcquireLatency {
    private static final long MAX_MICROS = 3_600_000_000L;
    private final AtomicHistogram histogram = new AtomicHistogram(MAX_MICROS, 2);

    void record(long micros) {
        histogram.recordValue(Math.max(0, Math.min(MAX_MICROS, micros)));
    }

    long count() {
        return histogram.getTotalCount();
    }

    /** count, p50, p95, p99 and max, as LatencyRecorder gives them. */
    Map<String, Object> summary(String unit) {
        Histogram copy = new Histogram(2);
        copy.setAutoResize(true);
        copy.add(histogram);
        return LatencyRecorder.summary(copy, unit);
    }
}
