package io.sreagent.feature.threads;

import io.sreagent.report.Site;
import io.sreagent.support.NamePattern;
import io.sreagent.support.SampleWindow;
import io.sreagent.support.StackSites;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Threads started, grouped by creating site (first application frame) and name pattern: how many were
 * started, how many are alive now (threads are held weakly and counted at each sample), the peak.
 * Bounded: at most {@link #MAX_GROUPS} groups and {@link #MAX_TRACKED_PER_GROUP} live threads per group;
 * what does not fit is counted, not kept.
 */
public final class ThreadStarts {
    public static final int MAX_GROUPS = 512;
    public static final int MAX_TRACKED_PER_GROUP = 8192;
    static final int STACK_FRAMES = 24;
    /** When a group is full, starts between two attempts to drop ended threads from it. */
    static final int PRUNE_EVERY = 1024;
    private static final String AGENT_THREAD_PREFIX = "sre-agent-";
    private static final MethodHandle IS_VIRTUAL = isVirtualHandle();

    /** One group: the site (null when no application frame created the thread), the name pattern, the kind. */
    public record Key(Site site, String namePattern, boolean virtual, boolean viaPool) {
    }

    private final StartSites startSites;
    private final int windowCapacity;
    private final ConcurrentHashMap<Key, Group> groups = new ConcurrentHashMap<>();
    private final LongAdder droppedStarts = new LongAdder();

    public ThreadStarts(StackSites sites, int windowCapacity) {
        this.startSites = new StartSites(sites);
        this.windowCapacity = windowCapacity;
    }

    /** Called on the starting thread, just before the new thread starts. */
    public void starting(Thread thread) {
        String starter = Thread.currentThread().getName();
        if (thread.getName().startsWith(AGENT_THREAD_PREFIX) || starter.startsWith(AGENT_THREAD_PREFIX)) {
            return;
        }
        String namePattern = NamePattern.of(thread.getName());
        StartSites.Result where = startSites.find(thread.getClass().getName(), namePattern, NamePattern.of(starter));
        StackSites.Found found = where.found();
        Key key = new Key(found.site(), namePattern, isVirtual(thread), found.viaPool());
        Group g = groups.get(key);
        if (g == null) {
            if (groups.size() >= MAX_GROUPS) {
                droppedStarts.increment();
                return;
            }
            g = groups.computeIfAbsent(key, k -> new Group(k, StackSites.currentText(STACK_FRAMES), windowCapacity));
        }
        g.add(thread, where.inferred());
    }

    /** Counts the live threads of every group and appends them, with the starts so far, to the groups' windows. */
    public void sample(long nowMillis) {
        for (Group g : groups.values()) {
            g.sample(nowMillis);
        }
    }

    public Collection<Group> groups() {
        return groups.values();
    }

    /** Starts not recorded because the group table was full. */
    public long droppedStarts() {
        return droppedStarts.sum();
    }

    static boolean isVirtual(Thread t) {
        if (IS_VIRTUAL == null) {
            return false;
        }
        try {
            return (boolean) IS_VIRTUAL.invokeExact(t);
        } catch (Throwable e) {
            return false;
        }
    }

    /** {@code Thread.isVirtual()} exists from JDK 21; the agent is built for 17. */
    private static MethodHandle isVirtualHandle() {
        try {
            return MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
        } catch (ReflectiveOperationException notThere) {
            return null;
        }
    }

    /** Threads of one site and name pattern. */
    public static final class Group {
        private final Key key;
        private final List<String> stack;
        private final LongAdder started = new LongAdder();
        private final LongAdder siteInferred = new LongAdder();
        private final ArrayList<WeakReference<Thread>> live = new ArrayList<>();
        private final SampleWindow window;
        private final SampleWindow startedWindow;
        private long untracked;
        private int addsSincePrune;
        private int alive;
        private int peak;

        Group(Key key, List<String> stack, int windowCapacity) {
            this.key = key;
            this.stack = stack;
            this.window = new SampleWindow(windowCapacity);
            this.startedWindow = new SampleWindow(windowCapacity);
        }

        synchronized void add(Thread t, boolean inferredSite) {
            started.increment();
            if (inferredSite) {
                siteInferred.increment();
            }
            // Full: make room now and then, not on every start (a prune walks the whole list).
            if (live.size() >= MAX_TRACKED_PER_GROUP && ++addsSincePrune >= PRUNE_EVERY) {
                addsSincePrune = 0;
                prune();
            }
            if (live.size() < MAX_TRACKED_PER_GROUP) {
                live.add(new WeakReference<>(t));
            } else {
                untracked++;
            }
        }

        /** Alive and started counted under one lock (starts take it too), so the two samples agree. */
        synchronized void sample(long nowMillis) {
            prune();
            alive = live.size();
            peak = Math.max(peak, alive);
            window.add(nowMillis, alive);
            startedWindow.add(nowMillis, started.sum());
        }

        /**
         * Drops threads that ended or were collected. A thread not yet started (start threw) ends up here too.
         * One pass ({@code removeIf}): removing through an iterator shifts the list on every removal, which
         * made a full list's prune cost 8192² moves and added 16 µs to every start of a thread-per-task program.
         */
        private void prune() {
            live.removeIf(ref -> {
                Thread t = ref.get();
                return t == null || t.getState() == Thread.State.TERMINATED;
            });
        }

        public Key key() {
            return key;
        }

        public List<String> stack() {
            return stack;
        }

        public long started() {
            return started.sum();
        }

        /** Starts whose site was learned from earlier starts of the same thread class and name pattern, not walked. */
        public long siteInferred() {
            return siteInferred.sum();
        }

        public synchronized int alive() {
            return alive;
        }

        public synchronized int peak() {
            return peak;
        }

        /** Threads that could not be tracked because the group was full. */
        public synchronized long untracked() {
            return untracked;
        }

        /** Live threads, one sample per evaluation. */
        public SampleWindow window() {
            return window;
        }

        /** Threads started so far, sampled with {@link #window()}. */
        public SampleWindow startedWindow() {
            return startedWindow;
        }
    }
}
