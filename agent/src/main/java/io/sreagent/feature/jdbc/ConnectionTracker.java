package io.sreagent.feature.jdbc;

import io.sreagent.bootstrap.RequestContext;
import io.sreagent.report.Site;
import io.sreagent.support.WeakIdentityMap;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The logical connections the application holds: when, on which thread, from which site and pool
 * each was acquired. Connections are held weakly; one that is garbage collected while still tracked
 * was never closed (a certain leak). Both the live set and the per-site history are bounded, and
 * what did not fit is counted.
 */
public final class ConnectionTracker {
    /** The history of at most this many acquisition sites is kept; the rest share one bucket. */
    static final int MAX_SITES = 500;
    static final Site OTHER_SITES = new Site("(other sites)", "", null, 0);

    /** One logical connection in the application's hands. */
    public static final class Held extends WeakIdentityMap.Key {
        final String pool;
        final long acquiredAtMillis;
        final String thread;
        final StackCapture.Origin origin;
        volatile boolean reported;
        ThreadSlots slots;
        int slot;

        Held(Object connection, ReferenceQueue<Object> queue, String pool, long acquiredAtMillis, String thread,
             StackCapture.Origin origin) {
            super(connection, queue);
            this.pool = pool;
            this.acquiredAtMillis = acquiredAtMillis;
            this.thread = thread;
            this.origin = origin;
        }

        public Site site() {
            return origin == null ? null : origin.site();
        }

        public String pool() {
            return pool;
        }

        public long heldMillis(long nowMillis) {
            return nowMillis - acquiredAtMillis;
        }
    }

    /** What happened at one acquisition site over the agent's lifetime (leaks that are over). */
    public static final class SiteHistory {
        public final Site site;
        volatile List<String> stack = List.of();
        final LongAdder collectedUnclosed = new LongAdder();
        final LongAdder returnedLate = new LongAdder();
        final AtomicLong longestHeldMillis = new AtomicLong();
        final AtomicLong lastCollectedAtMillis = new AtomicLong();

        SiteHistory(Site site) {
            this.site = site;
        }

        public long collectedUnclosed() {
            return collectedUnclosed.sum();
        }

        public long returnedLate() {
            return returnedLate.sum();
        }

        public long longestHeldMillis() {
            return longestHeldMillis.get();
        }

        public List<String> stack() {
            return stack;
        }
    }

    /** Connections of one site held longer than the threshold right now. */
    public record Suspects(Site site, String pool, int count, long oldestAgeMillis, List<String> threads,
                           List<String> stack) {
    }

    /**
     * Live connections of one pool grouped by site (null: acquisitions whose stack was not sampled), with
     * the longest-held of them.
     */
    public record Holders(Site site, int count, long oldestAgeMillis, List<Holding> longest) {
    }

    /** One connection held now: the thread that acquired it (owner null where the agent kept no reference). */
    public record Holding(String thread, Thread owner, long heldMillis) {
    }

    /** Per-thread slots tried before the shared map: enough for the connections one request holds at once. */
    static final int SLOTS_PER_THREAD = 8;
    /** Threads that get slots; connections of further threads go to the shared map only. */
    static final int MAX_SLOTTED_THREADS = 10_000;

    /**
     * Connections a thread acquired and has not closed. The owner thread puts entries into free slots
     * and takes them out on close; the agent's thread only reads them, and takes one out when it
     * was collected. Only compare-and-set empties a slot, so each entry is taken out once.
     */
    public static final class ThreadSlots {
        final ConnectionTracker tracker;
        /** False for a thread past {@link #MAX_SLOTTED_THREADS}: its connections go to the shared map. */
        final boolean registered;
        final WeakReference<Thread> owner = new WeakReference<>(Thread.currentThread());
        final AtomicReferenceArray<Held> slots = new AtomicReferenceArray<>(SLOTS_PER_THREAD);

        ThreadSlots(ConnectionTracker tracker, boolean registered) {
            this.tracker = tracker;
            this.registered = registered;
        }

        boolean isEmpty() {
            for (int i = 0; i < SLOTS_PER_THREAD; i++) {
                if (slots.get(i) != null) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * The common path, acquire and close on one thread, touches only that thread's slots: a shared
     * map insert and removal per connection cost more than the rest of the tracking together.
     * Connections that do not fit, or are closed by another thread, go through the shared map or a
     * scan of every thread's slots. A thread's slots hang off its {@link RequestContext}, the agent's
     * one thread-local.
     */
    private final ConcurrentLinkedQueue<ThreadSlots> allSlots = new ConcurrentLinkedQueue<>();
    private final AtomicInteger slottedThreads = new AtomicInteger();
    private final ConcurrentHashMap<Object, Held> live = new ConcurrentHashMap<>();
    private final ReferenceQueue<Object> collected = new ReferenceQueue<>();
    private final ConcurrentHashMap<Site, SiteHistory> history = new ConcurrentHashMap<>();
    private final SiteHistory unknownSite = new SiteHistory(null);
    private final int capacity;
    private final LongAdder dropped = new LongAdder();
    private final LongAdder closed = new LongAdder();

    public ConnectionTracker(int capacity) {
        this.capacity = capacity;
    }

    /** The slots of the thread whose record this is (made on first use), or null when too many threads have them. */
    public ThreadSlots slotsOf(RequestContext thread) {
        ThreadSlots mine = thread.jdbcListenerState() instanceof ThreadSlots s && s.tracker == this ? s : null;
        if (mine == null) {
            mine = register();
            thread.jdbcListenerState(mine);
        }
        return mine.registered ? mine : null;
    }

    private ThreadSlots register() {
        if (slottedThreads.incrementAndGet() > MAX_SLOTTED_THREADS) {
            slottedThreads.decrementAndGet();
            return new ThreadSlots(this, false);
        }
        ThreadSlots t = new ThreadSlots(this, true);
        allSlots.add(t);
        return t;
    }

    public void acquired(Object connection, String pool, long nowMillis, String thread, StackCapture.Origin origin) {
        acquired(connection, pool, nowMillis, thread, origin, slotsOf(RequestContext.current()));
    }

    /** A connection handed to the application on the thread that owns {@code mine}. */
    public void acquired(Object connection, String pool, long nowMillis, String thread, StackCapture.Origin origin,
                         ThreadSlots mine) {
        Held h = new Held(connection, collected, pool, nowMillis, thread, origin);
        if (mine != null) {
            for (int i = 0; i < SLOTS_PER_THREAD; i++) {
                if (mine.slots.get(i) == null) {
                    h.slots = mine;
                    h.slot = i;
                    mine.slots.set(i, h);
                    return;
                }
            }
        }
        if (live.size() >= capacity) {
            dropped.increment();
            return;
        }
        live.put(h, h);
    }

    public void closed(Object connection, LongSupplier clockMillis) {
        closed(connection, clockMillis, slotsOf(RequestContext.current()));
    }

    /**
     * The application closed (returned) a connection on the thread that owns {@code mine}; one that was
     * reported as held too long is remembered.
     */
    public void closed(Object connection, LongSupplier clockMillis, ThreadSlots mine) {
        Held h = takeFromSlots(mine, connection);
        if (h == null) {
            h = live.remove(WeakIdentityMap.probe(connection));
        }
        if (h == null) {
            for (ThreadSlots other : allSlots) { // closed by another thread than the one that acquired it
                if ((h = takeFromSlots(other, connection)) != null) {
                    break;
                }
            }
        }
        if (h == null) {
            return; // acquired before the agent came, by a pool for itself, or already closed
        }
        closed.increment();
        if (h.reported) {
            SiteHistory s = historyOf(h);
            s.returnedLate.increment();
            s.longestHeldMillis.accumulateAndGet(clockMillis.getAsLong() - h.acquiredAtMillis, Math::max);
        }
    }

    private static Held takeFromSlots(ThreadSlots t, Object connection) {
        if (t == null) {
            return null;
        }
        for (int i = 0; i < SLOTS_PER_THREAD; i++) {
            Held h = t.slots.get(i);
            if (h != null && h.get() == connection && t.slots.compareAndSet(i, h, null)) {
                return h;
            }
        }
        return null;
    }

    /** Takes a tracked entry out, wherever it is; false when it was already taken (closed meanwhile). */
    private boolean untrack(Held h) {
        return h.slots != null ? h.slots.slots.compareAndSet(h.slot, h, null) : live.remove(h) != null;
    }

    /** Every connection held now, in slots or in the shared map. */
    private List<Held> liveEntries() {
        List<Held> out = new ArrayList<>(live.values());
        for (ThreadSlots t : allSlots) {
            for (int i = 0; i < SLOTS_PER_THREAD; i++) {
                Held h = t.slots.get(i);
                if (h != null) {
                    out.add(h);
                }
            }
        }
        return out;
    }

    /** Forgets the slots of threads that ended with nothing left in them. */
    public void pruneSlots() {
        allSlots.removeIf(t -> {
            Thread owner = t.owner.get();
            boolean gone = (owner == null || !owner.isAlive()) && t.isEmpty();
            if (gone) {
                slottedThreads.decrementAndGet();
            }
            return gone;
        });
    }

    /** Takes in the connections collected without close(): certain leaks. Returns them for events. */
    public List<Held> pollCollected(long nowMillis) {
        List<Held> leaked = new ArrayList<>();
        Object gone;
        while ((gone = collected.poll()) != null) {
            Held h = (Held) gone;
            if (untrack(h)) {
                SiteHistory s = historyOf(h);
                s.collectedUnclosed.increment();
                s.longestHeldMillis.accumulateAndGet(nowMillis - h.acquiredAtMillis, Math::max);
                s.lastCollectedAtMillis.set(nowMillis);
                leaked.add(h);
            }
        }
        return leaked;
    }

    /**
     * Marks the connections that have just passed the threshold as reported (so that their return is
     * remembered) and returns them; called once per evaluation.
     */
    public List<Held> newlyHeldTooLong(long nowMillis, long thresholdMillis) {
        List<Held> fresh = new ArrayList<>();
        for (Held h : liveEntries()) {
            if (!h.reported && nowMillis - h.acquiredAtMillis >= thresholdMillis && h.get() != null) {
                h.reported = true;
                fresh.add(h);
            }
        }
        return fresh;
    }

    /** Connections held longer than the threshold, grouped by site and pool (threads oldest first). */
    public List<Suspects> suspects(long nowMillis, long thresholdMillis) {
        Map<String, List<Held>> bySite = new LinkedHashMap<>();
        for (Held h : liveEntries()) {
            if (nowMillis - h.acquiredAtMillis >= thresholdMillis && h.get() != null) {
                bySite.computeIfAbsent(h.pool + "|" + h.site(), k -> new ArrayList<>()).add(h);
            }
        }
        List<Suspects> out = new ArrayList<>();
        for (List<Held> group : bySite.values()) {
            group.sort(Comparator.comparingLong(h -> h.acquiredAtMillis));
            Held oldest = group.get(0);
            List<String> threads = group.stream().map(h -> h.thread).distinct().limit(5).toList();
            List<String> stack = group.stream().filter(h -> h.origin != null).map(h -> h.origin.stack())
                    .findFirst().orElse(List.of());
            out.add(new Suspects(oldest.site(), oldest.pool, group.size(), nowMillis - oldest.acquiredAtMillis,
                    threads, stack));
        }
        return out;
    }

    /** Who holds a pool's connections now, largest group first, each with its {@code threadsPerSite} longest holders. */
    public List<Holders> holders(String pool, long nowMillis, int limit, int threadsPerSite) {
        Map<Site, List<Held>> bySite = new LinkedHashMap<>();
        for (Held h : liveEntries()) {
            if (pool.equals(h.pool) && h.get() != null) {
                bySite.computeIfAbsent(h.site(), k -> new ArrayList<>()).add(h);
            }
        }
        List<Holders> out = new ArrayList<>();
        bySite.entrySet().stream()
                .sorted((a, b) -> Integer.compare(b.getValue().size(), a.getValue().size()))
                .limit(limit)
                .forEach(e -> {
                    List<Held> held = e.getValue();
                    held.sort(Comparator.comparingLong(h -> h.acquiredAtMillis));
                    List<Holding> longest = new ArrayList<>();
                    for (Held h : held.subList(0, Math.min(threadsPerSite, held.size()))) {
                        ThreadSlots slots = h.slots;
                        longest.add(new Holding(h.thread, slots == null ? null : slots.owner.get(),
                                nowMillis - h.acquiredAtMillis));
                    }
                    out.add(new Holders(e.getKey(), held.size(), nowMillis - held.get(0).acquiredAtMillis, longest));
                });
        return out;
    }

    /** StackSites with leaks that are over: connections collected unclosed, or returned after being reported. */
    public List<SiteHistory> history() {
        List<SiteHistory> out = new ArrayList<>(history.values());
        if (unknownSite.collectedUnclosed() > 0 || unknownSite.returnedLate() > 0) {
            out.add(unknownSite);
        }
        return out;
    }

    public int live() {
        return liveEntries().size();
    }

    /** Connections held now, per pool name. */
    public Map<String, Integer> liveByPool() {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (Held h : liveEntries()) {
            m.merge(h.pool, 1, Integer::sum);
        }
        return m;
    }

    public long dropped() {
        return dropped.sum();
    }

    public Map<String, Object> metrics() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("closed", closed.sum());
        m.put("live", live());
        m.put("dropped", dropped.sum());
        m.put("sitesWithHistory", history.size());
        return m;
    }

    private SiteHistory historyOf(Held h) {
        Site site = h.site();
        if (site == null) {
            return unknownSite;
        }
        SiteHistory s = history.get(site);
        if (s == null) {
            s = history.size() >= MAX_SITES ? history.computeIfAbsent(OTHER_SITES, SiteHistory::new)
                    : history.computeIfAbsent(site, SiteHistory::new);
        }
        if (s.stack.isEmpty() && h.origin != null) {
            s.stack = h.origin.stack();
        }
        return s;
    }
}
