package io.sreagent.bootstrap;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The request a thread is serving right now, so that time spent below it (JDBC, outbound HTTP) can be
 * attributed to it. One instance per thread, reused from request to request; only the outermost
 * inbound entry (filter chain or servlet, nested dispatches included) opens and closes it.
 *
 * <p>The public API for other instrumentations is the three static methods {@link #addDbNanos},
 * {@link #addHttpNanos} and {@link #inRequest}: call them from any advice with the elapsed time of a
 * finished call; they do nothing when the thread is not serving a request. Lives in the bootstrap
 * loader (java.base only) so advice in every class loader reaches the same instance.
 */
public final class RequestContext {
    private static final ThreadLocal<RequestContext> CURRENT = ThreadLocal.withInitial(RequestContext::new);

    /** Nesting of inbound entries on this thread; only depth 0 to 1 starts a request. */
    int inboundDepth;
    /** Nesting of outbound calls on this thread; only the outermost is timed. */
    int outboundDepth;

    /** Changes with every request so that late asynchronous completions do not land on the next one. */
    private volatile long generation;
    private volatile boolean active;
    // Atomic: asynchronous HTTP completions add from other threads.
    private final AtomicLong dbNanos = new AtomicLong();
    private final AtomicLong dbCalls = new AtomicLong();
    private final AtomicLong httpNanos = new AtomicLong();
    private final AtomicLong httpCalls = new AtomicLong();
    /** The outbound host this request waited on longest (blocking calls only; written by the owner thread). */
    private String topHost;
    private int topPort;
    private long topHostNanos;

    RequestContext() {
    }

    static RequestContext current() {
        return CURRENT.get();
    }

    /** JDBC advice: a statement (or connection acquisition) on this thread took {@code nanos}. */
    public static void addDbNanos(long nanos) {
        RequestContext c = CURRENT.get();
        if (c.active) {
            c.dbNanos.addAndGet(nanos);
            c.dbCalls.incrementAndGet();
        }
    }

    /** Outbound HTTP advice: a call made on this thread took {@code nanos}. */
    public static void addHttpNanos(long nanos) {
        CURRENT.get().addHttp(nanos);
    }

    /** True while this thread is serving an inbound request. */
    public static boolean inRequest() {
        return CURRENT.get().active;
    }

    void begin() {
        generation++;
        dbNanos.set(0);
        dbCalls.set(0);
        httpNanos.set(0);
        httpCalls.set(0);
        topHost = null;
        topPort = -1;
        topHostNanos = 0;
        active = true;
    }

    void end() {
        active = false;
    }

    long generation() {
        return generation;
    }

    boolean active() {
        return active;
    }

    void addHttp(long nanos) {
        if (active) {
            httpNanos.addAndGet(nanos);
            httpCalls.incrementAndGet();
        }
    }

    /** An asynchronous call started by request {@code gen} finished: counted only if that request still runs. */
    void addHttpIfStill(long gen, long nanos) {
        if (active && generation == gen) {
            addHttp(nanos);
        }
    }

    /** A blocking call on the owner thread took {@code nanos}: remembered if it is the longest of the request. */
    void noteHost(String host, int port, long nanos) {
        if (active && nanos > topHostNanos) {
            topHost = host;
            topPort = port;
            topHostNanos = nanos;
        }
    }

    String topHost() {
        return topHost;
    }

    int topPort() {
        return topPort;
    }

    long dbNanos() {
        return dbNanos.get();
    }

    long dbCalls() {
        return dbCalls.get();
    }

    long httpNanos() {
        return httpNanos.get();
    }

    long httpCalls() {
        return httpCalls.get();
    }
}
