package io.sreagent.telemetry;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
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

/**
 * Heap used right after each garbage collection, from the JVM's GC notifications: the live set plus
 * whatever the collection could not free, which is what "memory not released after GC" means. Per
 * evaluation it yields the lowest value seen since the last one, so a full or mixed collection that
 * frees old garbage is never hidden by the young collections around it.
 */
public final class HeapAfterGc implements NotificationListener {
    private final Set<String> heapPools;
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private long lowestUsedSinceTake = Long.MAX_VALUE;
    private long lastUsed = -1;
    private long collections;

    public HeapAfterGc() {
        heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getName)
                .collect(Collectors.toSet());
    }

    public void start() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(this, null, null);
                emitters.add(emitter);
            }
        }
    }

    public void stop() {
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

    synchronized void record(long used) {
        lastUsed = used;
        lowestUsedSinceTake = Math.min(lowestUsedSinceTake, used);
        collections++;
    }

    /** The lowest heap-after-GC since the previous call (or the last known value if no GC ran); -1 before any GC. */
    public synchronized long take() {
        long v = lowestUsedSinceTake == Long.MAX_VALUE ? lastUsed : lowestUsedSinceTake;
        lowestUsedSinceTake = Long.MAX_VALUE;
        return v;
    }

    public synchronized long lastUsed() {
        return lastUsed;
    }

    public synchronized long collections() {
        return collections;
    }

    /** The heap's maximum size in bytes (-Xmx), as the JVM reports it. */
    public static long maxHeap() {
        long max = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
        return max > 0 ? max : Runtime.getRuntime().maxMemory();
    }
}
