package io.sreagent.telemetry.jdbc;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** A concurrent map from objects (by identity, held weakly) to values, bounded; it counts what it refused. */
public final class WeakIdentityTable<V> {
    private final ConcurrentHashMap<Object, V> map = new ConcurrentHashMap<>();
    private final ReferenceQueue<Object> queue = new ReferenceQueue<>();
    private final int capacity;
    private final LongAdder dropped = new LongAdder();

    public WeakIdentityTable(int capacity) {
        this.capacity = capacity;
    }

    /** False (and counted as dropped) when the table is full. */
    public boolean put(Object key, V value) {
        expunge();
        if (map.size() >= capacity) {
            dropped.increment();
            return false;
        }
        map.put(new IdentityKey(key, queue), value);
        return true;
    }

    public V get(Object key) {
        return map.get(IdentityKey.probe(key));
    }

    public V remove(Object key) {
        return map.remove(IdentityKey.probe(key));
    }

    public int size() {
        expunge();
        return map.size();
    }

    public long dropped() {
        return dropped.sum();
    }

    private void expunge() {
        Reference<?> gone;
        while ((gone = queue.poll()) != null) {
            map.remove(gone);
        }
    }
}
