package io.sreagent.feature.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Answers counted by status class (index 0: no or an unknown status, 1..5: 1xx..5xx), shared by the
 * inbound routes and the outbound hosts, which only name "no status" differently.
 */
final class StatusClasses {
    static final int COUNT = 6;
    private static final String[] CLASS_NAMES = {null, "1xx", "2xx", "3xx", "4xx", "5xx"};

    private final LongAdder[] adders = new LongAdder[COUNT];
    private final String noneName;

    StatusClasses(String noneName) {
        this.noneName = noneName;
        for (int i = 0; i < COUNT; i++) {
            adders[i] = new LongAdder();
        }
    }

    void record(int status) {
        adders[classOf(status)].increment();
    }

    static int classOf(int status) {
        return status >= 100 && status < 600 ? status / 100 : 0;
    }

    long get(int statusClass) {
        return adders[statusClass].sum();
    }

    /** The running counts, in class order (for a {@link io.sreagent.support.CounterWindow}). */
    long[] totals() {
        long[] out = new long[COUNT];
        for (int i = 0; i < COUNT; i++) {
            out[i] = adders[i].sum();
        }
        return out;
    }

    /** The non-zero classes by name, from counts in class order (running totals or a window's). */
    Map<String, Object> toMap(long[] counts) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < COUNT; i++) {
            if (counts[i] > 0) {
                m.put(i == 0 ? noneName : CLASS_NAMES[i], counts[i]);
            }
        }
        return m;
    }
}
