package io.sreagent.feature.jfr;

import io.sreagent.report.Format;
import jdk.jfr.consumer.RecordedEvent;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JVM's count of throwables created since it started ({@code jdk.ExceptionStatistics}, read
 * periodically) and its rate between the last two readings; metrics only.
 */
final class ExceptionCounts {
    /** -1 until the first reading. */
    private long total = -1;
    private double perSecond;
    private long lastReadingMillis;

    void onExceptionStatistics(RecordedEvent e) {
        read(e.getLong("throwables"), System.currentTimeMillis());
    }

    synchronized void read(long throwables, long nowMillis) {
        if (total >= 0 && nowMillis > lastReadingMillis) {
            perSecond = (throwables - total) * 1000.0 / (nowMillis - lastReadingMillis);
        }
        total = throwables;
        lastReadingMillis = nowMillis;
    }

    synchronized Map<String, Object> metrics() {
        Map<String, Object> ex = new LinkedHashMap<>();
        ex.put("throwablesTotal", Math.max(0, total));
        ex.put("throwablesPerSecond", Format.oneDecimal(perSecond));
        return ex;
    }
}
