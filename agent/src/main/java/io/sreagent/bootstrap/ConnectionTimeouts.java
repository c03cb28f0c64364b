package io.sreagent.bootstrap;

/**
 * Carries the read time-out a client's connection really had from deep inside a call to the advice
 * that records the call: Apache HttpClient 5 merges its request, context, client and connection-manager
 * settings into the socket, and only the connection, reached further down, knows the outcome. Kept in
 * the thread's {@link RequestContext}, the agent's one thread-local.
 */
public final class ConnectionTimeouts {
    static final int NOT_SEEN = 0;
    static final int SET = 1;
    static final int NOT_SET = -1;

    private ConnectionTimeouts() {
    }

    /** The connection about to send a request on this thread has this socket read time-out (0: none). */
    public static void noteRead(long millis) {
        if (HttpHooks.receiver() != null) {
            RequestContext.current().readTimeoutSeen = millis > 0 ? SET : NOT_SET;
        }
    }

    /**
     * Whether the last connection used on this thread had a read time-out, and forgets it. A call that
     * never reached a connection (it failed to connect) could not wait for an answer: counted as set.
     */
    public static boolean takeReadSet() {
        RequestContext c = RequestContext.current();
        int v = c.readTimeoutSeen;
        c.readTimeoutSeen = NOT_SEEN;
        return v != NOT_SET;
    }

    /**
     * Whether a caller on this thread said it bounds the wait itself (a framework's own time-out on the
     * client's future, see {@link #noteRead}), and forgets it. Unlike {@link #takeReadSet}, nothing seen is no.
     */
    public static boolean takeNotedSet() {
        RequestContext c = RequestContext.current();
        int v = c.readTimeoutSeen;
        c.readTimeoutSeen = NOT_SEEN;
        return v == SET;
    }
}
