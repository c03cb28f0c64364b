package io.sreagent.bootstrap;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The request a thread is serving right now, so that time spent below it (JDBC, outbound HTTP) can be
 * attributed to it. One instance per thread, reused from request to request; only the outermost
 * inbound entry (filter chain or servlet, nested dispatches included) opens and closes it.
 *
 * <p>The public API for other instrumentations is the three static methods {@link #addDbNanos},
 * {@link #addHttpNanos} and {@link #inRequest}: call them from advice, on the thread that made the
 * call, with the elapsed time of the finished call (outermost calls only, so nested ones are not
 * counted twice); they do nothing when the thread is not serving a request. Lives in the bootstrap
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
    // Plain fields: written and read only by the owner thread.
    private long dbNanos;
    private long dbCalls;
    private long httpNanos;
    private long httpCalls;
    /** Asynchronous calls complete on other threads: only they add here. */
    private final AtomicLong asyncHttpNanos = new AtomicLong();
    private final AtomicLong asyncHttpCalls = new AtomicLong();
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
            c.dbNanos += nanos;
            c.dbCalls++;
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
        dbNanos = 0;
        dbCalls = 0;
        httpNanos = 0;
        httpCalls = 0;
        asyncHttpNanos.lazySet(0);
        asyncHttpCalls.lazySet(0);
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

    /** On the owner thread. */
    void addHttp(long nanos) {
        if (active) {
            httpNanos += nanos;
            httpCalls++;
        }
    }

    /** On any thread: an asynchronous call started by request {@code gen} finished; counted only if that request still runs. */
    void addHttpIfStill(long gen, long nanos) {
        if (active && generation == gen) {
            asyncHttpNanos.addAndGet(nanos);
            asyncHttpCalls.incrementAndGet();
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
        return dbNanos;
    }

    long dbCalls() {
        return dbCalls;
    }

    long httpNanos() {
        return httpNanos + asyncHttpNanos.get();
    }

    long httpCalls() {
        return httpCalls + asyncHttpCalls.get();
    }
}
