package io.sreagent.feature.memory;

import com.sun.management.GarbageCollectionNotificationInfo;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Heap used right after each garbage collection, from the JVM's GC notifications: the live set plus
 * whatever the collection could not free, which is what "memory not released after GC" means. One
 * listener serves the whole agent (every GC is parsed once); each feature reads it through its own
 * {@link Reader}, which yields per evaluation the lowest value seen since that reader's last take,
 * so a full or mixed collection that frees old garbage is never hidden by the young collections
 * around it.
 */
public final class HeapAfterGc implements NotificationListener {
    private static HeapAfterGc shared;

    private final Set<String> heapPools;
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final List<Reader> readers = new ArrayList<>();
    private final AfterGcPoints points = new AfterGcPoints();
    private long lastUsed = -1;
    private long collections;

    private HeapAfterGc() {
        heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getName)
                .collect(Collectors.toSet());
    }

    /** A reader of the agent's one listener; the first starts listening, the last {@link Reader#close()} stops. */
    public static synchronized Reader open() {
        if (shared == null) {
            shared = new HeapAfterGc();
            shared.start();
        }
        return shared.newReader();
    }

    private void start() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(this, null, null);
                emitters.add(emitter);
            }
        }
    }

    private void stop() {
        for (NotificationEmitter e : emitters) {
            try {
                e.removeNotificationListener(this);
            } catch (Exception ignored) {
                // Already gone: nothing to undo.
            }
        }
        emitters.clear();
    }

    @Override
    public void handleNotification(Notification n, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        long used = 0;
        for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(pool.getKey())) {
                used += pool.getValue().getUsed();
            }
        }
        record(used);
    }

    private synchronized void record(long used) {
        points.add(System.currentTimeMillis(), used / (double) (1 << 20));
        lastUsed = used;
        collections++;
        for (Reader r : readers) {
            r.lowestSinceTake = Math.min(r.lowestSinceTake, used);
        }
    }

    private synchronized Reader newReader() {
        Reader r = new Reader();
        readers.add(r);
        return r;
    }

    /** One feature's view of the shared listener. */
    public final class Reader {
        private long lowestSinceTake = Long.MAX_VALUE;

        private Reader() {
        }

        /** The lowest heap-after-GC since this reader's previous take (or the last known value if no GC ran); -1 before any GC. */
        public long take() {
            synchronized (HeapAfterGc.this) {
                long v = lowestSinceTake == Long.MAX_VALUE ? lastUsed : lowestSinceTake;
                lowestSinceTake = Long.MAX_VALUE;
                return v;
            }
        }

        /** Every collection's heap used after it, shared by all readers (read only). */
        AfterGcPoints points() {
            return points;
        }

        public long lastUsed() {
            synchronized (HeapAfterGc.this) {
                return lastUsed;
            }
        }

        public long collections() {
            synchronized (HeapAfterGc.this) {
                return collections;
            }
        }

        public void close() {
            synchronized (HeapAfterGc.class) {
                synchronized (HeapAfterGc.this) {
                    readers.remove(this);
                    if (!readers.isEmpty() || shared != HeapAfterGc.this) {
                        return;
                    }
                }
                shared = null;
                stop();
            }
        }
    }
}
