package io.sreagent.bootstrap;

/**
 * Static entry points of the JDBC advice. Each kind of call keeps a per-thread nesting depth so that
 * only the outermost call counts: a pool's getConnection calling the driver's, a proxy statement
 * calling the driver's statement, a driver's execute calling itself. Advice calls {@code *Enter}
 * first and hands what it returned, the thread's {@link RequestContext} (null when no listener was
 * installed, so the call is not counted), back to {@code *Exit}: the depths, the start times and the
 * request's time breakdown live there, and the exit needs no second thread-local look-up. Only
 * acquisition and execution read the clock: close and prepare are not timed.
 */
public final class JdbcHooks {
    static final int ACQUIRE = 0;
    static final int CLOSE = 1;
    static final int PREPARE = 2;
    static final int EXECUTE = 3;
    static final int KINDS = 4;

    /**
     * What the JDBC advice reports, implemented by the agent's JDBC feature. Parameters are typed
     * {@code Object}: java.sql types are not visible from the bootstrap loader. Implementations must
     * never throw and must be cheap; they run on the application's threads.
     */
    public interface Receiver {

        /**
         * The outermost getConnection/connect returned (connection non-null) or threw (error non-null),
         * after {@code nanos}; {@code endNanos} is the System.nanoTime() it ended at (saves a clock read).
         * {@code thread} is the calling thread's record, where the listener may keep per-thread state.
         */
        void acquired(Object source, Object connection, Throwable error, long nanos, long endNanos, RequestContext thread);

        /** The outermost {@code Connection.close()} of a connection, on the thread whose record is {@code thread}. */
        void closed(Object connection, RequestContext thread);

        /** The outermost prepareStatement/prepareCall returned a statement for this SQL. */
        void prepared(Object statement, String sql);

        /**
         * The outermost execute* of a statement ended; sql is the argument of execute(String), else null.
         * Returns the statement as reports show it (literals removed unless redaction is off), or null.
         */
        String executed(Object statement, String sql, Throwable error, long nanos);

        /**
         * The current request has just run {@code statement} for the n-plus-one threshold's time: where
         * the executions come from (an opaque capture the receiver reads back in {@link #repeated}), or
         * null when it is not captured this time.
         */
        Object repeatOrigin(String statement);

        /** A request ended that ran some statement at least the n-plus-one threshold's number of times. */
        void repeated(InboundRequest request);
    }

    private static volatile Receiver receiver;
    /** Executions of one statement shape within one request that make an n-plus-one. */
    private static volatile int repeatThreshold = Integer.MAX_VALUE;

    private JdbcHooks() {
    }

    /** Installs a receiver that is not told of repeated statements. */
    public static void install(Receiver r) {
        install(r, Integer.MAX_VALUE);
    }

    /** {@code repeatThreshold}: executions of one statement within one request that the receiver is told of. */
    public static void install(Receiver r, int repeatThreshold) {
        JdbcHooks.repeatThreshold = repeatThreshold;
        receiver = r;
    }

    public static void uninstall() {
        receiver = null;
    }

    public static RequestContext acquireEnter() {
        return enter(ACQUIRE, true);
    }

    public static void acquireExit(RequestContext c, Object source, Object connection, Throwable error) {
        if (outermostExit(c, ACQUIRE)) {
            long end = System.nanoTime();
            long nanos = end - c.jdbcStart[ACQUIRE];
            c.request.addDb(nanos); // waiting for a connection is database time of the request
            Receiver r = receiver;
            if (r != null) {
                r.acquired(source, connection, error, nanos, end, c);
            }
        }
    }

    /**
     * A pool creating its own physical connection (e.g. HikariCP's PoolBase.newConnection): everything
     * acquired inside is the pool's, never the application's, so it is made nested on purpose.
     */
    public static void poolInternalEnter() {
        RequestContext.current().jdbcDepth[ACQUIRE]++;
    }

    public static void poolInternalExit() {
        RequestContext.current().jdbcDepth[ACQUIRE]--;
    }

    public static RequestContext closeEnter() {
        return enter(CLOSE, false);
    }

    public static void closeExit(RequestContext c, Object connection) {
        if (outermostExit(c, CLOSE)) {
            Receiver r = receiver;
            if (r != null) {
                r.closed(connection, c);
            }
        }
    }

    public static RequestContext prepareEnter() {
        return enter(PREPARE, false);
    }

    public static void prepareExit(RequestContext c, Object statement, Object sql) {
        if (outermostExit(c, PREPARE) && statement != null && sql instanceof String) {
            Receiver r = receiver;
            if (r != null) {
                r.prepared(statement, (String) sql);
            }
        }
    }

    public static RequestContext executeEnter() {
        return enter(EXECUTE, true);
    }

    public static void executeExit(RequestContext c, Object statement, Object sqlArgument, Throwable error) {
        if (outermostExit(c, EXECUTE)) {
            long elapsed = System.nanoTime() - c.jdbcStart[EXECUTE];
            c.request.addDb(elapsed);
            Receiver r = receiver;
            if (r != null) {
                String shape = r.executed(statement, sqlArgument instanceof String ? (String) sqlArgument : null,
                        error, elapsed);
                InboundRequest request = c.request;
                request.noteStatement(shape, elapsed);
                if (request.countExecution(shape, elapsed) == repeatThreshold) {
                    request.originOfLastCounted(r.repeatOrigin(shape)); // inside the loop that repeats it
                }
            }
        }
    }

    /** After the HTTP receiver recorded {@code request}: the receiver hears of it if it repeated a statement. */
    static void requestEnded(InboundRequest request) {
        Receiver r = receiver;
        if (r == null) {
            return;
        }
        int threshold = repeatThreshold;
        for (int i = 0; i < request.shapesCounted(); i++) {
            if (request.shapeExecutions(i) >= threshold) {
                r.repeated(request);
                return;
            }
        }
    }

    /** Counts the call in; null when no listener is installed (then nothing is counted or reported). */
    private static RequestContext enter(int kind, boolean timed) {
        if (receiver == null) {
            return null;
        }
        RequestContext c = RequestContext.current();
        if (c.jdbcDepth[kind]++ == 0 && timed) {
            c.jdbcStart[kind] = System.nanoTime();
        }
        return c;
    }

    /** Counts the call out; true when it was the outermost one. */
    private static boolean outermostExit(RequestContext c, int kind) {
        if (c == null) {
            return false; // enter saw no listener and did not count this call
        }
        int[] depth = c.jdbcDepth;
        return depth[kind] > 0 && --depth[kind] == 0;
    }
}
