package io.sreagent.feature.jfr;

import io.sreagent.report.Format;
import io.sreagent.support.SampleWindow;
import jdk.jfr.consumer.RecordedEvent;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * GC pauses ({@code jdk.GarbageCollection}): the share of wall time the application's threads stood
 * still in each evaluation tick, for gc-pressure, and the totals since start. Collections arrive on
 * the stream's thread, ticks and metrics on the evaluation thread.
 */
final class GcPauses {
    /** One reading per evaluation: pause time as a percentage of the interval. */
    private final SampleWindow pausePercent;
    private long pauseNanosThisTick;
    private long pauseNanosTotal;
    private long collections;
    private long lastTickMillis;

    GcPauses(int ticksKept, long startMillis) {
        this.pausePercent = new SampleWindow(ticksKept + 16);
        this.lastTickMillis = startMillis;
    }

    SampleWindow pausePercent() {
        return pausePercent;
    }

    void onGarbageCollection(RecordedEvent e) {
        addCollection(e.getDuration("sumOfPauses").toNanos());
    }

    synchronized void addCollection(long pauseNanos) {
        pauseNanosThisTick += pauseNanos;
        pauseNanosTotal += pauseNanos;
        collections++;
    }

    synchronized void tick(long nowMillis) {
        long span = nowMillis - lastTickMillis;
        if (span > 0) {
            pausePercent.add(nowMillis, 100.0 * pauseNanosThisTick / 1_000_000.0 / span);
        }
        pauseNanosThisTick = 0;
        lastTickMillis = nowMillis;
    }

    synchronized Map<String, Object> metrics(long nowMillis) {
        SampleWindow.Samples pauses = pausePercent.since(LastMinute.start(nowMillis));
        Map<String, Object> gc = new LinkedHashMap<>();
        gc.put("collections", collections);
        gc.put("pauseMsTotal", pauseNanosTotal / 1_000_000);
        gc.put("pausePercentLastMinute", pauses.count() == 0 ? 0.0 : Format.oneDecimal(pauses.mean()));
        return gc;
    }
}
