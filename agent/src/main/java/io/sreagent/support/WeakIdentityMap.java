package io.sreagent.support;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * A concurrent map keyed by object identity that holds its keys weakly: state attached to the
 * application's objects (connections, statements, executors, listener holders) without keeping them
 * alive and without calling their {@code equals}/{@code hashCode}, which may do I/O or throw.
 * Bounded: once {@code capacity} keys are held, new ones are refused and counted in {@link #dropped()}.
 */
public final class WeakIdentityMap<K, V> {
    private final ConcurrentHashMap<Object, V> map = new ConcurrentHashMap<>();
    private final ReferenceQueue<Object> collected = new ReferenceQueue<>();
    private final int capacity;
    private final LongAdder dropped = new LongAdder();

    public WeakIdentityMap(int capacity) {
        this.capacity = capacity;
    }

    public V get(K key) {
        return map.get(probe(key));
    }

    /** False (and counted as dropped) when the map is full. */
    public boolean put(K key, V value) {
        expunge();
        if (map.size() >= capacity) {
            dropped.increment();
            return false;
        }
        map.put(new Key(key, collected), value);
        return true;
    }

    /** The value for {@code key}, created when absent; null (and counted as dropped) when the map is full. */
    public V computeIfAbsent(K key, Function<K, V> create) {
        V v = map.get(probe(key));
        if (v != null) {
            return v;
        }
        expunge();
        if (map.size() >= capacity) {
            dropped.increment();
            return null;
        }
        return map.computeIfAbsent(new Key(key, collected), r -> create.apply(key));
    }

    public V remove(K key) {
        return map.remove(probe(key));
    }

    public int size() {
        expunge();
        return map.size();
    }

    /** Keys refused because the map was full. */
    public long dropped() {
        return dropped.sum();
    }

    /** Visits the live entries; keys collected meanwhile are skipped. */
    @SuppressWarnings("unchecked")
    public void forEach(BiConsumer<K, V> action) {
        expunge();
        for (Map.Entry<Object, V> e : map.entrySet()) {
            K key = (K) ((Key) e.getKey()).get();
            if (key != null) {
                action.accept(key, e.getValue());
            }
        }
    }

    private void expunge() {
        Reference<?> gone;
        while ((gone = collected.poll()) != null) {
            map.remove(gone);
        }
    }

    /**
     * A weak key that compares by the identity of its referent; open for subclasses that carry their
     * own state and serve as key and value at once (a tracked connection).
     */
    public static class Key extends WeakReference<Object> {
        /**
         * The referent's identity hash, computed when a map first asks for it, while the referent is still
         * alive (HotSpot never hands out 0): giving a fresh object its identity hash costs an atomic update
         * of its header, wasted on keys that never go into a map (connections kept in a thread's slots).
         * Volatile because a key may be removed by another thread than the one that hashed it.
         */
        private volatile int hash;

        public Key(Object referent, ReferenceQueue<Object> queue) {
            super(referent, queue);
        }

        @Override
        public final int hashCode() {
            int h = hash;
            if (h == 0) {
                h = System.identityHashCode(get());
                hash = h;
            }
            return h;
        }

        /** Equal to another key, or a {@link #probe}, for the same live referent. */
        @Override
        public final boolean equals(Object other) {
            if (other == this) {
                return true;
            }
            Object mine = get();
            if (mine == null) {
                return false;
            }
            return other instanceof Key k ? k.get() == mine : other instanceof Probe p && p.referent == mine;
        }
    }

    /**
     * A throw-away look-up key for {@link Key}s: a plain object, not a Reference (creating a Reference
     * costs more and burdens the garbage collector), usually optimised away entirely.
     */
    public static Object probe(Object referent) {
        return new Probe(referent);
    }

    private static final class Probe {
        private final Object referent;

        Probe(Object referent) {
            this.referent = referent;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(referent);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key k && k.get() == referent;
        }
    }
}
