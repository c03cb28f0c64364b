package io.sreagent.telemetry;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * A concurrent map keyed by object identity that holds its keys weakly: state attached to the
 * application's objects (executors, listener holders) without keeping them alive and without calling
 * their {@code equals}/{@code hashCode}. Bounded: once {@code capacity} keys are held, new ones are
 * refused and counted.
 */
public final class WeakIdentityMap<K, V> {
    private final ConcurrentHashMap<Object, V> map = new ConcurrentHashMap<>();
    private final ReferenceQueue<K> collected = new ReferenceQueue<>();
    private final int capacity;
    private volatile long refused;

    public WeakIdentityMap(int capacity) {
        this.capacity = capacity;
    }

    public V get(K key) {
        return map.get(new Lookup(key));
    }

    /** The value for {@code key}, created when absent; null when the map is full. */
    public V computeIfAbsent(K key, Function<K, V> create) {
        V v = map.get(new Lookup(key));
        if (v != null) {
            return v;
        }
        expunge();
        if (map.size() >= capacity) {
            refused++;
            return null;
        }
        return map.computeIfAbsent(new Ref<>(key, collected), r -> create.apply(key));
    }

    public V remove(K key) {
        return map.remove(new Lookup(key));
    }

    public int size() {
        expunge();
        return map.size();
    }

    public long refused() {
        return refused;
    }

    /** Visits the live entries; keys collected meanwhile are skipped. */
    @SuppressWarnings("unchecked")
    public void forEach(BiConsumer<K, V> action) {
        expunge();
        for (Map.Entry<Object, V> e : map.entrySet()) {
            K key = ((Ref<K>) e.getKey()).get();
            if (key != null) {
                action.accept(key, e.getValue());
            }
        }
    }

    private void expunge() {
        for (Object r; (r = collected.poll()) != null; ) {
            map.remove(r);
        }
    }

    /** Equal to a {@link Ref} or {@link Lookup} of the same object, by identity. */
    private interface IdentityKey {
        Object referent();
    }

    private static final class Ref<K> extends WeakReference<K> implements IdentityKey {
        private final int hash;

        Ref(K key, ReferenceQueue<K> queue) {
            super(key, queue);
            hash = System.identityHashCode(key);
        }

        @Override
        public Object referent() {
            return get();
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (o == this) {
                return true;
            }
            if (!(o instanceof IdentityKey other)) {
                return false;
            }
            Object mine = get();
            return mine != null && mine == other.referent();
        }
    }

    private static final class Lookup implements IdentityKey {
        private final Object key;

        Lookup(Object key) {
            this.key = key;
        }

        @Override
        public Object referent() {
            return key;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(key);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof IdentityKey other && other.referent() == key;
        }
    }
}
