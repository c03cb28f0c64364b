package io.sreagent.bootstrap;

/**
 * The agent's one record per thread: the request the thread is serving right now (its
 * {@link InboundRequest}), so that time spent below it (JDBC, outbound HTTP) can be attributed to it,
 * and the nesting depths of every hook. One thread-local for all of it on purpose: each thread-local
 * the agent adds crowds the thread's ThreadLocalMap, and look-ups that miss their slot (the
 * application's own included) get slower. One instance per thread, reused from request to request;
 * only the outermost inbound entry (filter chain or servlet, nested dispatches included) opens and
 * closes the request. Lives in the bootstrap loader (java.base only) so advice in every class loader
 * reaches the same instance.
 */
public final class RequestContext {
    private static final ThreadLocal<RequestContext> CURRENT = ThreadLocal.withInitial(RequestContext::new);

    /** The inbound request this thread is serving, or served last. */
    final InboundRequest request = new InboundRequest();
    /** The blocking outbound call this thread reports, reused from call to call. */
    final OutboundCall blockingCall = new OutboundCall(false);

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
    /** Nesting of logged errors on this thread (see LogHooks): a bridged event (JUL to SLF4J, say) counts once. */
    final int[] logDepth = new int[1];
    /** Nesting of the descriptor hooks on this thread (see FdHooks). */
    final int[] fdHookDepth = new int[1];
    /** The read time-out of the connection the current outbound call went out on (see ConnectionTimeouts). */
    int readTimeoutSeen;
    /** What the JDBC listener keeps per thread (its connection slots); opaque here. */
    private Object jdbcListenerState;
    /** What the descriptor tracker keeps per thread (the opener's name pattern); opaque here. */
    private Object fdOpenerState;

    RequestContext() {
    }

    /** This thread's record. */
    public static RequestContext current() {
        return CURRENT.get();
    }

    /** The JDBC listener's own per-thread state, or null before it set any. Owner thread only. */
    public Object jdbcListenerState() {
        return jdbcListenerState;
    }

    public void jdbcListenerState(Object state) {
        jdbcListenerState = state;
    }

    /** The descriptor tracker's own per-thread state, or null before it set any. Owner thread only. */
    public Object fdOpenerState() {
        return fdOpenerState;
    }

    public void fdOpenerState(Object state) {
        fdOpenerState = state;
    }
}
