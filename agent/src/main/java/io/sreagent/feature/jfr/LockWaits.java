package io.sreagent.feature.jfr;

import io.sreagent.report.Site;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Waits to enter a monitor ({@code synchronized}) or to take a {@code java.util.concurrent} lock that
 * lasted longer than the recording threshold, grouped by lock class and the application site where
 * threads waited. Kept per evaluation tick for a sliding window; bounded, with a dropped counter.
 */
public final class LockWaits {
    static final int MAX_LOCKS = 128;
    static final int MAX_NAMES = 16;

    private final int ticksKept;
    private final ArrayDeque<Map<String, Lock>> ticks = new ArrayDeque<>();
    private final ArrayDeque<Long> tickEnds = new ArrayDeque<>();
    private Map<String, Lock> current = new HashMap<>();
    private long dropped;

    public LockWaits(int ticksKept) {
        this.ticksKept = ticksKept;
    }

    /**
     * One wait. {@code kind} is "monitor" or "lock"; {@code stack} the waiter's, innermost first;
     * {@code previousOwner} the thread that held it last, when known.
     */
    public synchronized void add(String kind, String lockClass, long waitedNanos, String waiter, String previousOwner,
                                 Site site, List<StackTraceElement> stack) {
        String key = kind + " " + lockClass + " @ " + site;
        Lock lock = current.get(key);
        if (lock == null) {
            if (current.size() >= MAX_LOCKS) {
                dropped++;
                return;
            }
            lock = new Lock(kind, lockClass, site, describe(stack, 12));
            current.put(key, lock);
        }
        lock.waits++;
        lock.waitedNanos += waitedNanos;
        lock.maxWaitNanos = Math.max(lock.maxWaitNanos, waitedNanos);
        addBounded(lock.waiters, waiter);
        if (previousOwner != null) {
            addBounded(lock.owners, previousOwner);
        }
    }

    /** Frames as text with their line numbers (JFR frames have no file name, which StackTraceElement would hide them behind). */
    static List<String> describe(List<StackTraceElement> stack, int limit) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < stack.size() && i < limit; i++) {
            StackTraceElement f = stack.get(i);
            out.add(f.getClassName() + "." + f.getMethodName() + (f.getLineNumber() > 0 ? "(line " + f.getLineNumber() + ")" : ""));
        }
        return out;
    }

    private static void addBounded(Set<String> names, String name) {
        if (name != null && names.size() < MAX_NAMES) {
            names.add(name);
        }
    }

    public synchronized void closeTick(long nowMillis) {
        ticks.addLast(current);
        tickEnds.addLast(nowMillis);
        while (ticks.size() > ticksKept) {
            ticks.removeFirst();
            tickEnds.removeFirst();
        }
        current = new HashMap<>();
    }

    /** The locks waited on in ticks ended after {@code fromMillis}, merged, most waited-on first. */
    public synchronized List<Lock> since(long fromMillis) {
        Map<String, Lock> merged = new HashMap<>();
        var ends = tickEnds.iterator();
        for (Map<String, Lock> tick : ticks) {
            if (ends.next() <= fromMillis) {
                continue;
            }
            tick.forEach((k, l) -> merged.computeIfAbsent(k, x -> new Lock(l.kind, l.lockClass, l.site, l.stack)).merge(l));
        }
        List<Lock> out = new ArrayList<>(merged.values());
        out.sort((a, b) -> Long.compare(b.waitedNanos, a.waitedNanos));
        return out;
    }

    public synchronized long dropped() {
        return dropped;
    }

    /** One lock class waited on at one site. */
    public static final class Lock {
        final String kind;
        final String lockClass;
        final Site site;
        final List<String> stack;
        long waits;
        long waitedNanos;
        long maxWaitNanos;
        final Set<String> waiters = new LinkedHashSet<>();
        final Set<String> owners = new LinkedHashSet<>();

        public Lock(String kind, String lockClass, Site site, List<String> stack) {
            this.kind = kind;
            this.lockClass = lockClass;
            this.site = site;
            this.stack = stack;
        }

        void merge(Lock o) {
            waits += o.waits;
            waitedNanos += o.waitedNanos;
            maxWaitNanos = Math.max(maxWaitNanos, o.maxWaitNanos);
            o.waiters.forEach(w -> addBounded(waiters, w));
            o.owners.forEach(w -> addBounded(owners, w));
        }

        public String kind() {
            return kind;
        }

        public String lockClass() {
            return lockClass;
        }

        public Site site() {
            return site;
        }

        public List<String> stack() {
            return stack;
        }

        public long waits() {
            return waits;
        }

        public long waitedMillis() {
            return waitedNanos / 1_000_000;
        }

        public long maxWaitMillis() {
            return maxWaitNanos / 1_000_000;
        }

        public Set<String> waiters() {
            return waiters;
        }

        public Set<String> previousOwners() {
            return owners;
        }
    }
}
