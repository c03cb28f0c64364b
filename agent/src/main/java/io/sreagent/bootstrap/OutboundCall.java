package io.sreagent.bootstrap;

/**
 * One outbound HTTP call as {@link HttpHooks.Receiver#outbound} sees it. A blocking call is described
 * in its thread's own instance (held by its {@link RequestContext}, reused from call to call, so that
 * recording one allocates nothing); an asynchronous call is its {@link AsyncCall}, which is allocated
 * anyway to wait for the call's future. A receiver reads it during the call and keeps nothing of it.
 */
public class OutboundCall {
    private final boolean async;
    private String client;
    private String method;
    private String scheme;
    private String host;
    private int port;
    private boolean connectTimeoutSet;
    private boolean readTimeoutSet;
    private int status;
    private Throwable thrown;
    private long nanos;
    /** What the receiver kept of an asynchronous call when it started: its type, invisible from here. */
    Object callSite;

    OutboundCall(boolean async) {
        this.async = async;
    }

    /** What the call is; for an asynchronous call on the thread that starts it, before its future is listened to. */
    final void describe(String client, String method, String scheme, String host, int port, boolean connectTimeoutSet,
                        boolean readTimeoutSet) {
        this.client = client;
        this.method = method;
        this.scheme = scheme;
        this.host = host;
        this.port = port;
        this.connectTimeoutSet = connectTimeoutSet;
        this.readTimeoutSet = readTimeoutSet;
    }

    final void ended(int status, Throwable thrown, long nanos) {
        this.status = status;
        this.thrown = thrown;
        this.nanos = nanos;
    }

    /**
     * Hands the ended call to {@code r}. The application's exception is not kept past it: it would pin
     * the application's classes, and their loader, to this carrier.
     */
    final void report(HttpHooks.Receiver r, int status, Throwable thrown, long nanos) {
        ended(status, thrown, nanos);
        try {
            r.outbound(this);
        } finally {
            this.thrown = null;
        }
    }

    public final String client() {
        return client;
    }

    public final String method() {
        return method;
    }

    public final String scheme() {
        return scheme;
    }

    public final String host() {
        return host;
    }

    /** As the client gave it: -1 when the URL names none. */
    public final int port() {
        return port;
    }

    /** The response status, or -1 when no response arrived. */
    public final int status() {
        return status;
    }

    /** The exception the call ended with, or null. */
    public final Throwable thrown() {
        return thrown;
    }

    /** Up to the response head (blocking) or until the future completed (asynchronous). */
    public final long nanos() {
        return nanos;
    }

    public final boolean connectTimeoutSet() {
        return connectTimeoutSet;
    }

    public final boolean readTimeoutSet() {
        return readTimeoutSet;
    }

    /** Started with {@code sendAsync} and reported when its future completed, on whichever thread completed it. */
    public final boolean async() {
        return async;
    }

    /**
     * For an asynchronous call, what {@link HttpHooks.Receiver#asyncStarted} returned when it started;
     * null for a blocking call, which is reported on the thread that made it.
     */
    public final Object callSite() {
        return callSite;
    }
}
