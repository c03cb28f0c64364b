package io.sreagent.telemetry.jdbc;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

/**
 * A weak map key that compares by the identity of its referent, so the application's objects are
 * never kept alive and their own equals/hashCode (which may do I/O or throw) are never called.
 */
class IdentityKey extends WeakReference<Object> {
    /**
     * The referent's identity hash, computed when a map first asks for it, while the referent is still
     * alive (HotSpot never hands out 0): giving a fresh object its identity hash costs an atomic update
     * of its header, wasted on keys that never go into a map (connections kept in a thread's slots).
     * Volatile because a key may be removed by another thread than the one that hashed it.
     */
    private volatile int hash;

    IdentityKey(Object referent, ReferenceQueue<Object> queue) {
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

    /** Equal to another key, or a {@link Probe}, for the same live referent. */
    @Override
    public final boolean equals(Object other) {
        if (other == this) {
            return true;
        }
        Object mine = get();
        if (mine == null) {
            return false;
        }
        return other instanceof IdentityKey k ? k.get() == mine : other instanceof Probe p && p.referent == mine;
    }

    /**
     * A throw-away look-up key: a plain object, not a Reference (creating a Reference costs more and
     * burdens the garbage collector), usually optimised away entirely.
     */
    static Object probe(Object referent) {
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
            return other instanceof IdentityKey k && k.get() == referent;
        }
    }
}
