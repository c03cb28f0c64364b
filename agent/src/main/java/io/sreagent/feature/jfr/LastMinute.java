package io.sreagent.feature.jfr;

/** {@code metrics.jfr} shows the last minute of each signal (its keys say so): where that minute starts. */
final class LastMinute {
    static final long MILLIS = 60_000;

    private LastMinute() {
    }

    static long start(long nowMillis) {
        return nowMillis - MILLIS;
    }
}
