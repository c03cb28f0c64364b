package io.sreagent.feature.fd;

import io.sreagent.report.Site;
import io.sreagent.support.CounterWindow;
import io.sreagent.support.SampleWindow;
import io.sreagent.support.StackSites;
import io.sreagent.support.WeakIdentityMap;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.RandomAccessFile;
import java.lang.ref.ReferenceQueue;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Streams, files, channels and sockets the application opened and has not closed, by opening site
 * (first application frame) and kind. Each is held weakly with the time it was opened: closing it
 * forgets it; one the garbage collector finds still registered was dropped without {@code close()}
 * (the JDK's Cleaner closes its descriptor later, so the process's descriptor count may stay flat).
 * At each sample the open ones are counted per site, with those open longer than the age threshold.
 * Opens without an application frame (the JDK's and the server's own) are not tracked.
 * Bounded: {@link #MAX_OPEN} resources and {@link #MAX_SITES} sites; what does not fit is counted.
 */
public final class OpenResources {
    public static final int MAX_OPEN = 100_000;
    public static final int MAX_SITES = 1024;
    static final int STACK_FRAMES = 16;

    /** What was opened. Subclasses of the socket classes (SSL sockets, channel adaptors) close their own way and are not kinds. */
    public enum Kind {
        FILE_INPUT_STREAM("FileInputStream"), FILE_OUTPUT_STREAM("FileOutputStream"),
        RANDOM_ACCESS_FILE("RandomAccessFile"), FILE_CHANNEL("FileChannel"),
        SOCKET("Socket"), SERVER_SOCKET("ServerSocket"), SOCKET_CHANNEL("SocketChannel");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        static Kind of(Object resource) {
            if (resource instanceof FileInputStream) {
                return FILE_INPUT_STREAM;
            }
            if (resource instanceof FileOutputStream) {
                return FILE_OUTPUT_STREAM;
            }
            if (resource instanceof RandomAccessFile) {
                return RANDOM_ACCESS_FILE;
            }
            if (resource instanceof FileChannel) {
                return FILE_CHANNEL;
            }
            if (resource instanceof SocketChannel) {
                return SOCKET_CHANNEL;
            }
            Class<?> type = resource.getClass();
            if (type == Socket.class) {
                return SOCKET;
            }
            return type == ServerSocket.class ? SERVER_SOCKET : null;
        }
    }

    /** One group: where it was opened, and what. */
    public record Key(Site site, Kind kind) {
    }

    /** An open resource, held weakly: key and value of the open table at once. */
    private static final class Open extends WeakIdentityMap.Key {
        final SiteResources site;
        final long openedAtMillis;

        Open(Object resource, ReferenceQueue<Object> queue, SiteResources site, long openedAtMillis) {
            super(resource, queue);
            this.site = site;
            this.openedAtMillis = openedAtMillis;
        }
    }

    private final OpenSites sites;
    private final int windowCapacity;
    private final ConcurrentHashMap<Object, Open> open = new ConcurrentHashMap<>();
    private final ReferenceQueue<Object> collected = new ReferenceQueue<>();
    private final ConcurrentHashMap<Key, SiteResources> bySite = new ConcurrentHashMap<>();
    private final LongAdder dropped = new LongAdder();

    public OpenResources(StackSites sites, int windowCapacity) {
        this.sites = new OpenSites(sites);
        this.windowCapacity = windowCapacity;
    }

    /** Called on the opening thread once the resource is open; a repeat for the same object is ignored. */
    public void opened(Object resource, Object path) {
        Kind kind = Kind.of(resource);
        if (kind == null || open.containsKey(WeakIdentityMap.probe(resource))) {
            return;
        }
        OpenSites.Result where = sites.find(kind, path);
        if (where.site() == null) {
            return;
        }
        Key key = new Key(where.site(), kind);
        SiteResources s = bySite.get(key);
        if (s == null) {
            if (bySite.size() >= MAX_SITES) {
                dropped.increment();
                return;
            }
            s = bySite.computeIfAbsent(key, k -> new SiteResources(k, StackSites.currentText(STACK_FRAMES), windowCapacity));
        }
        if (open.size() >= MAX_OPEN) {
            dropped.increment();
            return;
        }
        Open o = new Open(resource, collected, s, System.currentTimeMillis());
        if (open.putIfAbsent(o, o) == null) {
            s.opened.increment();
            if (where.inferred()) {
                s.inferred.increment();
            }
        }
    }

    public void closed(Object resource) {
        if (open.isEmpty()) {
            return;
        }
        Open o = open.remove(WeakIdentityMap.probe(resource));
        if (o != null) {
            o.clear(); // closed: the collector must not report it
            o.site.closed.increment();
        }
    }

    /**
     * Files the resources collected without close() under their site, then counts per site those open
     * now and those open for {@code ageMillis} or longer, and appends to each site's windows.
     */
    public void sample(long nowMillis, long ageMillis, long keepMillis) {
        Object gone;
        while ((gone = collected.poll()) != null) {
            Open o = (Open) gone;
            if (open.remove(o) != null) {
                o.site.collectedUnclosed.increment();
            }
        }
        Map<SiteResources, long[]> counts = new HashMap<>();
        for (Open o : open.values()) {
            long[] c = counts.computeIfAbsent(o.site, s -> new long[3]);
            c[0]++;
            long age = nowMillis - o.openedAtMillis;
            if (age >= ageMillis) {
                c[1]++;
            }
            c[2] = Math.max(c[2], age);
        }
        for (SiteResources s : bySite.values()) {
            s.sampled(nowMillis, keepMillis, counts.getOrDefault(s, new long[3]));
        }
    }

    public Collection<SiteResources> sites() {
        return bySite.values();
    }

    /** Resources tracked as open now. */
    public int tracked() {
        return open.size();
    }

    /** Opens not tracked because a table was full. */
    public long dropped() {
        return dropped.sum();
    }

    /** The resources of one site and kind. */
    public static final class SiteResources {
        private final Key key;
        private final List<String> stack;
        final LongAdder opened = new LongAdder();
        final LongAdder closed = new LongAdder();
        final LongAdder collectedUnclosed = new LongAdder();
        final LongAdder inferred = new LongAdder();
        private final SampleWindow openWindow;
        private final CounterWindow collectedWindow = new CounterWindow(1);
        private long openNow;
        private long heldPastAge;
        private long oldestMillis;
        private long peakOpen;

        SiteResources(Key key, List<String> stack, int windowCapacity) {
            this.key = key;
            this.stack = stack;
            this.openWindow = new SampleWindow(windowCapacity);
        }

        synchronized void sampled(long nowMillis, long keepMillis, long[] counts) {
            openNow = counts[0];
            heldPastAge = counts[1];
            oldestMillis = counts[2];
            peakOpen = Math.max(peakOpen, openNow);
            openWindow.add(nowMillis, openNow);
            collectedWindow.tick(nowMillis, keepMillis, collectedUnclosed.sum());
        }

        public Key key() {
            return key;
        }

        /** The stack of the first open recorded here. */
        public List<String> stack() {
            return stack;
        }

        public long opened() {
            return opened.sum();
        }

        public long closed() {
            return closed.sum();
        }

        /** Garbage-collected while still open: dropped without close(). */
        public long collectedUnclosed() {
            return collectedUnclosed.sum();
        }

        /** Collected without close() in the last {@code windowMillis}, as of the last sample. */
        public long collectedUnclosedIn(long nowMillis, long windowMillis) {
            return collectedWindow.sum(nowMillis, windowMillis)[0];
        }

        /** Opens whose site was learned from earlier opens of the same shape, not walked. */
        public long siteInferred() {
            return inferred.sum();
        }

        public synchronized long openNow() {
            return openNow;
        }

        public synchronized long heldPastAge() {
            return heldPastAge;
        }

        public synchronized long oldestMillis() {
            return oldestMillis;
        }

        public synchronized long peakOpen() {
            return peakOpen;
        }

        /** Open count per sample. */
        public SampleWindow openWindow() {
            return openWindow;
        }
    }
}
