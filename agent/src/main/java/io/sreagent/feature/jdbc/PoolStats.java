package io.sreagent.feature.jdbc;

import io.sreagent.support.LatencyRecorder;

import java.lang.ref.WeakReference;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * One connection source (a pool, a driver's DataSource, or DriverManager's driver): how long
 * acquiring a connection took, how often it timed out or failed, and, where the pool can be read
 * (HikariCP), its connections in use against its maximum over recent evaluations.
 */
public final class PoolStats {
    /** Evaluations kept per pool: enough for the busy and wait windows at the shortest interval. */
    static final int SNAPSHOTS_KEPT = 720;

    /** The pool as seen at one evaluation; in use and max are -1 where the pool cannot be read. */
    public record Snapshot(long atMillis, int inUse, int max, int waiting, long acquires, long timeouts,
                           long slowAcquires) {
        public boolean busy(double share) {
            return max > 0 && inUse >= share * max;
        }
    }

    private final String name;
    private final String kind;
    private final WeakReference<Object> source;
    private final HikariProbe hikari;
    private final LatencyRecorder acquireMicros = new LatencyRecorder();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder slowAcquires = new LongAdder();
    private final long slowAcquireNanos;
    private final ArrayDeque<Snapshot> snapshots = new ArrayDeque<>();

    PoolStats(String name, String kind, Object source, HikariProbe hikari, long slowAcquireNanos) {
        this.name = name;
        this.kind = kind;
        this.source = new WeakReference<>(source);
        this.hikari = hikari;
        this.slowAcquireNanos = slowAcquireNanos;
    }

    boolean isFor(Object candidate) {
        return source.get() == candidate;
    }

    public String name() {
        return name;
    }

    public void acquired(long nanos, Throwable error) {
        acquireMicros.record(nanos / 1000);
        if (nanos >= slowAcquireNanos) {
            slowAcquires.increment();
        }
        if (error != null) {
            if (isTimeout(error)) {
                timeouts.increment();
            } else {
                failures.increment();
            }
        }
    }

    /** HikariCP throws SQLTransientConnectionException, others SQLTimeoutException or a message saying so. */
    static boolean isTimeout(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String type = t.getClass().getName();
            if (type.equals("java.sql.SQLTransientConnectionException") || type.equals("java.sql.SQLTimeoutException")) {
                return true;
            }
            String message = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (message.contains("timed out") || message.contains("timeout")) {
                return true;
            }
        }
        return false;
    }

    /** Records the pool's state now; in use falls back to the connections the agent sees held. */
    public synchronized Snapshot sample(long nowMillis, int trackedInUse) {
        int inUse = trackedInUse;
        int max = -1;
        int waiting = 0;
        Object s = source.get();
        if (hikari != null && s != null) {
            int[] read = hikari.read(s);
            if (read != null) {
                inUse = read[0];
                max = read[1];
                waiting = read[2];
            }
        }
        Snapshot snap = new Snapshot(nowMillis, inUse, max, waiting, acquireMicros.count(), timeouts.sum(),
                slowAcquires.sum());
        if (snapshots.size() == SNAPSHOTS_KEPT) {
            snapshots.removeFirst();
        }
        snapshots.addLast(snap);
        return snap;
    }

    /** Snapshots taken at or after the given time, oldest first. */
    public synchronized List<Snapshot> since(long fromMillis) {
        List<Snapshot> out = new ArrayList<>();
        for (Snapshot s : snapshots) {
            if (s.atMillis() >= fromMillis) {
                out.add(s);
            }
        }
        return out;
    }

    public synchronized Snapshot latest() {
        return snapshots.peekLast();
    }

    /** Acquisitions seen, failed ones included. */
    public long acquisitions() {
        return acquireMicros.count();
    }

    public Map<String, Object> acquireLatency() {
        return acquireMicros.summary("Micros");
    }

    public Map<String, Object> metrics() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind);
        m.put("acquire", acquireMicros.summary("Micros"));
        m.put("timeouts", timeouts.sum());
        m.put("failures", failures.sum());
        m.put("slowAcquires", slowAcquires.sum());
        Snapshot last = latest();
        if (last != null) {
            m.put("inUse", last.inUse());
            if (last.max() > 0) {
                m.put("max", last.max());
                m.put("threadsAwaiting", last.waiting());
            }
        }
        return m;
    }
}
