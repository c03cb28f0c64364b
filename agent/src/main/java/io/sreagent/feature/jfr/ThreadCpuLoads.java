package io.sreagent.feature.jfr;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The latest CPU load of each thread (user + system, as a percentage of the whole machine), from
 * periodic per-thread readings. Threads not seen for a while are forgotten; the map is capped.
 */
public final class ThreadCpuLoads {
    static final int MAX_THREADS = 1024;

    private final long forgetAfterMillis;
    private final Map<String, double[]> latest = new HashMap<>();
    private long dropped;

    public ThreadCpuLoads(long forgetAfterMillis) {
        this.forgetAfterMillis = forgetAfterMillis;
    }

    public synchronized void add(String thread, double percentOfMachine, long atMillis) {
        if (!latest.containsKey(thread) && latest.size() >= MAX_THREADS) {
            dropped++;
            return;
        }
        latest.put(thread, new double[]{percentOfMachine, atMillis});
    }

    /** Thread name to its latest load (percent of the machine), for threads seen since {@code nowMillis - forget}. */
    public synchronized Map<String, Double> current(long nowMillis) {
        Map<String, Double> out = new HashMap<>();
        for (Iterator<Map.Entry<String, double[]>> it = latest.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, double[]> e = it.next();
            if (nowMillis - (long) e.getValue()[1] > forgetAfterMillis) {
                it.remove();
            } else {
                out.put(e.getKey(), e.getValue()[0]);
            }
        }
        return out;
    }

    public synchronized long dropped() {
        return dropped;
    }
}
