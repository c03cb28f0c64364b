package io.sreagent.feature.jdbc;

import io.sreagent.support.CounterWindow;
import io.sreagent.support.LatencyRecorder;
import org.HdrHistogram.Histogram;

import java.lang.ref.WeakReference;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * One connection source (a pool, a driver's DataSource, or DriverManager's driver): how long
 * acquiring a connection took, how often it timed out or failed, since start and over the recent window
 * (intervals closed at each {@link #sample}, nothing added to the recording path), and, where the pool
 * can be read (HikariCP), its connections in use against its maximum at the evaluations of the window.
 */
public final class PoolStats {
    /** Evaluations kept per pool at most: a window's worth at the shortest interval. */
    static final int SNAPSHOTS_KEPT = 720;

    /** The pool as seen at one evaluation; max is -1 where the pool cannot be read. */
    public record Snapshot(long atMillis, int inUse, int max, int waiting) {
        public boolean busy(double share) {
            return max > 0 && inUse >= share * max;
        }
    }

    /** The acquisitions of the recent window. */
    public record Window(long windowMillis, Histogram acquireMicros, long timeouts, long failures, long slowAcquires) {
        public long acquisitions() {
            return acquireMicros.getTotalCount();
        }
    }

    private final String name;
    private final String kind;
    private final WeakReference<Object> source;
    private final PoolProbe probe;
    private final LatencyRecorder acquireMicros = new LatencyRecorder();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder slowAcquires = new LongAdder();
    private final long slowAcquireNanos;
    private final long windowMillis;
    /** timeouts, failures, slow acquisitions: their increase per evaluation interval. */
    private final CounterWindow recent = new CounterWindow(3);
    private final ArrayDeque<Snapshot> snapshots = new ArrayDeque<>();

    PoolStats(String name, String kind, Object source, PoolProbe probe, long slowAcquireNanos, long windowMillis) {
        this.name = name;
        this.kind = kind;
        this.source = new WeakReference<>(source);
        this.probe = probe;
        this.slowAcquireNanos = slowAcquireNanos;
        this.windowMillis = windowMillis;
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

    /**
     * Every evaluation: closes the acquisitions' interval and records the pool's state now; in use falls
     * back to the connections the agent sees held.
     */
    public synchronized Snapshot sample(long nowMillis, int trackedInUse) {
        acquireMicros.tick(nowMillis, windowMillis);
        recent.tick(nowMillis, windowMillis, timeouts.sum(), failures.sum(), slowAcquires.sum());
        int inUse = trackedInUse;
        int max = -1;
        int waiting = 0;
        Object s = source.get();
        if (probe != null && s != null) {
            int[] read = probe.read(s);
            if (read != null) {
                inUse = read[0];
                max = read[1];
                waiting = read[2];
            }
        }
        Snapshot snap = new Snapshot(nowMillis, inUse, max, waiting);
        while (!snapshots.isEmpty() && (snapshots.size() == SNAPSHOTS_KEPT
                || snapshots.peekFirst().atMillis() < nowMillis - windowMillis)) {
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

    /**
     * Whether the pool was short of connections at the latest {@link #sample}: {@code busyShare} of its
     * maximum in use or more, threads waiting, or a time-out or slow acquisition since the sample before.
     */
    public synchronized boolean underPressure(long nowMillis, double busyShare) {
        Snapshot last = snapshots.peekLast();
        if (last == null || last.atMillis() != nowMillis) {
            return false;
        }
        long[] lastInterval = recent.sum(nowMillis, 1);
        return last.busy(busyShare) || last.waiting() > 0 || lastInterval[0] > 0 || lastInterval[2] > 0;
    }

    public synchronized Snapshot latest() {
        return snapshots.peekLast();
    }

    /** Acquisitions seen, failed ones included. */
    public long acquisitions() {
        return acquireMicros.count();
    }

    public long windowMillis() {
        return windowMillis;
    }

    /** The acquisitions of the intervals that ended in the last {@code windowMillis}. */
    public Window window(long nowMillis) {
        long[] sums = recent.sum(nowMillis, windowMillis);
        return new Window(windowMillis, acquireMicros.window(nowMillis, windowMillis), sums[0], sums[1], sums[2]);
    }

    /** Since-start totals under the keys they always had, and the window's figures under {@code window}. */
    public Map<String, Object> metrics(long nowMillis) {
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
        Window w = window(nowMillis);
        Map<String, Object> recentFigures = new LinkedHashMap<>();
        recentFigures.put("seconds", windowMillis / 1000.0);
        recentFigures.put("acquire", LatencyRecorder.summary(w.acquireMicros(), "Micros"));
        recentFigures.put("timeouts", w.timeouts());
        recentFigures.put("failures", w.failures());
        recentFigures.put("slowAcquires", w.slowAcquires());
        List<Snapshot> inWindow = since(nowMillis - windowMillis);
        if (!inWindow.isEmpty()) {
            recentFigures.put("peakInUse", inWindow.stream().mapToInt(Snapshot::inUse).max().orElse(0));
            if (last != null && last.max() > 0) {
                recentFigures.put("peakThreadsAwaiting", inWindow.stream().mapToInt(Snapshot::waiting).max().orElse(0));
            }
        }
        m.put("window", recentFigures);
        return m;
    }
}
