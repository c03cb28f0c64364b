package io.sreagent.bootstrap;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The agent's one record per thread: the request the thread is serving right now, so that time spent
 * below it (JDBC, outbound HTTP) can be attributed to it, and the nesting depths of every hook. One
 * thread-local for all of it on purpose: each thread-local the agent adds crowds the thread's
 * ThreadLocalMap, and look-ups that miss their slot (the application's own included) get slower.
 * One instance per thread, reused from request to request; only the outermost inbound entry (filter
 * chain or servlet, nested dispatches included) opens and closes the request. Lives in the bootstrap
 * loader (java.base only) so advice in every class loader reaches the same instance.
 */
public final class RequestContext {
    private static final ThreadLocal<RequestContext> CURRENT = ThreadLocal.withInitial(RequestContext::new);

    /** Nesting of inbound entries on this thread; only depth 0 to 1 starts a request. */
    int inboundDepth;
    /** Nesting of outbound calls on this thread; only the outermost is timed. */
    int outboundDepth;
    /** Nesting of JDBC calls on this thread, per kind of call (see JdbcHooks). */
    final int[] jdbcDepth = new int[JdbcHooks.KINDS];
    /** When the outermost JDBC call of each kind began (System.nanoTime()), for the timed kinds. */
    final long[] jdbcStart = new long[JdbcHooks.KINDS];
    /** Nesting of the thread and executor hooks on this thread (see ThreadHooks). */
    final int[] threadHookDepth = new int[1];
    /** Nesting of the listener hooks on this thread (see ListenerHooks). */
    final int[] listenerDepth = new int[1];
    /** The read time-out of the connection the current outbound call went out on (see ConnectionTimeouts). */
    int readTimeoutSeen;
    /** What the JDBC listener keeps per thread (its connection slots); opaque here. */
    private Object jdbcListenerState;

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
    /** The statement this request spent most time in, one execution (as reports show it; owner thread only). */
    private String topStatement;
    private long topStatementNanos;

    RequestContext() {
    }

    /** This thread's record. */
    public static RequestContext current() {
        return CURRENT.get();
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
        topStatement = null;
        topStatementNanos = 0;
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
    void addDb(long nanos) {
        if (active) {
            dbNanos += nanos;
            dbCalls++;
        }
    }

    /** On the owner thread: an execution of {@code statement} took {@code nanos}; kept if the longest of the request. */
    void noteStatement(String statement, long nanos) {
        if (active && statement != null && nanos > topStatementNanos) {
            topStatement = statement;
            topStatementNanos = nanos;
        }
    }

    /** The JDBC listener's own per-thread state, or null before it set any. Owner thread only. */
    public Object jdbcListenerState() {
        return jdbcListenerState;
    }

    public void jdbcListenerState(Object state) {
        jdbcListenerState = state;
    }

    String topStatement() {
        return topStatement;
    }

    long topStatementNanos() {
        return topStatementNanos;
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
