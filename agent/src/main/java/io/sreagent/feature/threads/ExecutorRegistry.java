package io.sreagent.feature.threads;

import io.sreagent.report.Site;
import io.sreagent.support.NamePattern;
import io.sreagent.support.SampleWindow;
import io.sreagent.support.StackSites;
import io.sreagent.support.WeakIdentityMap;

import java.util.Collection;
import java.util.List;
import java.util.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.LongAdder;

/**
 * Thread pools and timers created by application code, held weakly until they are shut down
 * (polled with {@code isShutdown()}), cancelled ({@code Timer.cancel}, woven) or collected.
 * Per creating site: how many were created, how many are still open, and how many threads the open
 * ones hold now. Bounded by {@link #MAX_TRACKED} pools and {@link #MAX_SITES} sites.
 */
public final class ExecutorRegistry {
    public static final int MAX_TRACKED = 20_000;
    public static final int MAX_SITES = 512;
    private static final String AGENT_THREAD_PREFIX = "sre-agent-";

    /** One creating site and pool class. */
    public record Key(Site site, String poolClass) {
    }

    private final StackSites sites;
    private final int windowCapacity;
    private final WeakIdentityMap<Object, SitePools> open = new WeakIdentityMap<>(MAX_TRACKED);
    private final ConcurrentHashMap<Key, SitePools> bySite = new ConcurrentHashMap<>();
    private final LongAdder dropped = new LongAdder();

    public ExecutorRegistry(StackSites sites, int windowCapacity) {
        this.sites = sites;
        this.windowCapacity = windowCapacity;
    }

    /** Called at the end of a pool's or timer's constructor (possibly more than once for one object). */
    public void created(Object pool) {
        if (open.get(pool) != null || Thread.currentThread().getName().startsWith(AGENT_THREAD_PREFIX)) {
            return;
        }
        Site site = sites.find().site();
        if (site == null) {
            return; // a JDK or library pool nobody in the application asked for
        }
        Key key = new Key(site, NamePattern.className(pool.getClass()));
        SitePools s = bySite.get(key);
        if (s == null) {
            if (bySite.size() >= MAX_SITES) {
                dropped.increment();
                return;
            }
            s = bySite.computeIfAbsent(key, k -> new SitePools(k, StackSites.currentText(ThreadStarts.STACK_FRAMES), windowCapacity));
        }
        SitePools owner = s;
        if (open.computeIfAbsent(pool, p -> owner) == null) {
            dropped.increment();
            return;
        }
        s.created.increment();
    }

    public void cancelled(Object timer) {
        SitePools s = open.remove(timer);
        if (s != null) {
            s.closed.increment();
        }
    }

    /** Polls every open pool: the shut-down ones leave, the others are counted with their threads. */
    public void sample(long nowMillis) {
        for (SitePools s : bySite.values()) {
            s.openNow = 0;
            s.threadsNow = 0;
        }
        open.forEach((pool, s) -> {
            if (pool instanceof ForkJoinPool fjp && fjp == ForkJoinPool.commonPool()) {
                open.remove(pool); // the JDK's, never shut down by design, whoever touched it first
                return;
            }
            if (pool instanceof ExecutorService es && es.isShutdown()) {
                if (open.remove(pool) != null) {
                    s.closed.increment();
                }
                return;
            }
            s.openNow++;
            s.threadsNow += threadsOf(pool);
        });
        for (SitePools s : bySite.values()) {
            s.peakOpen = Math.max(s.peakOpen, s.openNow);
            s.window.add(nowMillis, s.threadsNow);
            s.openWindow.add(nowMillis, s.openNow);
            s.createdWindow.add(nowMillis, s.created.sum());
        }
    }

    /** Live threads a pool holds; a timer that was not cancelled holds its one thread. */
    static int threadsOf(Object pool) {
        if (pool instanceof ThreadPoolExecutor tpe) {
            return tpe.getPoolSize();
        }
        if (pool instanceof ForkJoinPool fjp) {
            return fjp.getPoolSize();
        }
        return pool instanceof Timer ? 1 : 0;
    }

    public Collection<SitePools> sites() {
        return bySite.values();
    }

    /** Pools not tracked because a table was full. */
    public long dropped() {
        return dropped.sum() + open.dropped();
    }

    /** The pools created at one site. Counts are written by the sampling thread only. */
    public static final class SitePools {
        private final Key key;
        private final List<String> stack;
        private final LongAdder created = new LongAdder();
        private final LongAdder closed = new LongAdder();
        private final SampleWindow window;
        private final SampleWindow openWindow;
        private final SampleWindow createdWindow;
        private volatile int openNow;
        private volatile int threadsNow;
        private volatile int peakOpen;

        SitePools(Key key, List<String> stack, int windowCapacity) {
            this.key = key;
            this.stack = stack;
            this.window = new SampleWindow(windowCapacity);
            this.openWindow = new SampleWindow(windowCapacity);
            this.createdWindow = new SampleWindow(windowCapacity);
        }

        public Key key() {
            return key;
        }

        public List<String> stack() {
            return stack;
        }

        public long created() {
            return created.sum();
        }

        public long closed() {
            return closed.sum();
        }

        public int open() {
            return openNow;
        }

        public int peakOpen() {
            return peakOpen;
        }

        public int threads() {
            return threadsNow;
        }

        /** Threads held by this site's open pools, one sample per evaluation. */
        public SampleWindow window() {
            return window;
        }

        /** Pools open (created, not shut down or collected), sampled with {@link #window()}. */
        public SampleWindow openWindow() {
            return openWindow;
        }

        /** Pools created so far, sampled with {@link #window()}. */
        public SampleWindow createdWindow() {
            return createdWindow;
        }
    }
}
