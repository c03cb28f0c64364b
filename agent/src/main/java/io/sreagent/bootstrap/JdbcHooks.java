package io.sreagent.bootstrap;

/**
 * Static entry points of the JDBC advice. Each kind of call keeps a per-thread nesting depth so that
 * only the outermost call counts: a pool's getConnection calling the driver's, a proxy statement
 * calling the driver's statement, a driver's execute calling itself. Advice calls {@code *Enter}
 * first; its return value (a start time, {@link #OUTER}, or a nested marker) goes back into
 * {@code *Exit}. The depths live in the thread's {@link RequestContext}, so one thread-local look-up
 * serves both the nesting and the request's time breakdown. Only acquisition and execution read the
 * clock: close and prepare are not timed.
 */
public final class JdbcHooks {
    /** Returned by an enter hook when no listener is installed: the call was not counted and its exit does nothing. */
    public static final long NESTED = Long.MIN_VALUE;
    /** Returned by an enter hook for a nested call: counted, so the depth stays balanced, but not reported. */
    private static final long INNER = Long.MIN_VALUE + 1;
    /** Returned by the enter hook of an outermost call that is not timed. */
    private static final long OUTER = Long.MIN_VALUE + 2;

    static final int ACQUIRE = 0;
    static final int CLOSE = 1;
    static final int PREPARE = 2;
    static final int EXECUTE = 3;
    static final int KINDS = 4;

    private static volatile JdbcListener listener;

    private JdbcHooks() {
    }

    public static void install(JdbcListener l) {
        listener = l;
    }

    public static void uninstall() {
        listener = null;
    }

    public static long acquireEnter() {
        return enter(ACQUIRE, true);
    }

    public static void acquireExit(long start, Object source, Object connection, Throwable error) {
        RequestContext c = RequestContext.current();
        if (exit(c, ACQUIRE, start)) {
            long end = System.nanoTime();
            c.addDb(end - start); // waiting for a connection is database time of the request
            JdbcListener l = listener;
            if (l != null) {
                l.acquired(source, connection, error, end - start, end, c);
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

    public static long closeEnter() {
        return enter(CLOSE, false);
    }

    public static void closeExit(long start, Object connection) {
        RequestContext c = RequestContext.current();
        if (exit(c, CLOSE, start)) {
            JdbcListener l = listener;
            if (l != null) {
                l.closed(connection, c);
            }
        }
    }

    public static long prepareEnter() {
        return enter(PREPARE, false);
    }

    public static void prepareExit(long start, Object statement, Object sql) {
        if (exit(RequestContext.current(), PREPARE, start) && statement != null && sql instanceof String) {
            JdbcListener l = listener;
            if (l != null) {
                l.prepared(statement, (String) sql);
            }
        }
    }

    public static long executeEnter() {
        return enter(EXECUTE, true);
    }

    public static void executeExit(long start, Object statement, Object sqlArgument, Throwable error) {
        RequestContext c = RequestContext.current();
        if (exit(c, EXECUTE, start)) {
            long elapsed = System.nanoTime() - start;
            c.addDb(elapsed);
            JdbcListener l = listener;
            if (l != null) {
                c.noteStatement(l.executed(statement, sqlArgument instanceof String ? (String) sqlArgument : null,
                        error, elapsed), elapsed);
            }
        }
    }

    private static long enter(int kind, boolean timed) {
        if (listener == null) {
            return NESTED;
        }
        int[] depth = RequestContext.current().jdbcDepth;
        if (depth[kind]++ != 0) {
            return INNER;
        }
        return timed ? System.nanoTime() : OUTER;
    }

    private static boolean exit(RequestContext c, int kind, long start) {
        if (start == NESTED) {
            return false; // enter saw no listener and did not count this call
        }
        int[] depth = c.jdbcDepth;
        if (depth[kind] > 0) {
            depth[kind]--;
        }
        return start != INNER && depth[kind] == 0;
    }
}
