package io.sreagent.telemetry.jdbc;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

/**
 * A weak map key that compares by the identity of its referent, so the application's objects are
 * never kept alive and their own equals/hashCode (which may do I/O or throw) are never called.
 */
class IdentityKey extends WeakReference<Object> {
    private final int hash;

    IdentityKey(Object referent, ReferenceQueue<Object> queue) {
        super(referent, queue);
        this.hash = System.identityHashCode(referent);
    }

    @Override
    public final int hashCode() {
        return hash;
    }

    @Override
    public final boolean equals(Object other) {
        if (other == this) {
            return true;
        }
        Object mine = get();
        return mine != null && other instanceof IdentityKey k && k.get() == mine;
    }

    /** A throw-away key to look a referent up with. */
    static IdentityKey probe(Object referent) {
        return new IdentityKey(referent, null);
    }
}
