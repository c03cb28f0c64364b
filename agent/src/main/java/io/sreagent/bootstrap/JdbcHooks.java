package io.sreagent.bootstrap;

/**
 * Static entry points of the JDBC advice. Each kind of call keeps a per-thread nesting depth so that
 * only the outermost call counts: a pool's getConnection calling the driver's, a proxy statement
 * calling the driver's statement, a driver's execute calling itself. Advice calls {@code *Enter}
 * first; its return value (a start time, or {@link #NESTED}) goes back into {@code *Exit}.
 */
public final class JdbcHooks {
    /** Returned by an enter hook when no listener is installed: the call was not counted and its exit does nothing. */
    public static final long NESTED = Long.MIN_VALUE;
    /** Returned by an enter hook for a nested call: counted, so the depth stays balanced, but not reported. */
    private static final long INNER = Long.MIN_VALUE + 1;

    private static final int ACQUIRE = 0;
    private static final int CLOSE = 1;
    private static final int PREPARE = 2;
    private static final int EXECUTE = 3;

    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[4]);
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
        return enter(ACQUIRE);
    }

    public static void acquireExit(long start, Object source, Object connection, Throwable error) {
        if (exit(ACQUIRE, start)) {
            long end = System.nanoTime();
            RequestContext.addDbNanos(end - start); // waiting for a connection is database time of the request
            JdbcListener l = listener;
            if (l != null) {
                l.acquired(source, connection, error, end - start, end);
            }
        }
    }

    /**
     * A pool creating its own physical connection (e.g. HikariCP's PoolBase.newConnection): everything
     * acquired inside is the pool's, never the application's, so it is made nested on purpose.
     */
    public static void poolInternalEnter() {
        DEPTH.get()[ACQUIRE]++;
    }

    public static void poolInternalExit() {
        DEPTH.get()[ACQUIRE]--;
    }

    public static long closeEnter() {
        return enter(CLOSE);
    }

    public static void closeExit(long start, Object connection) {
        if (exit(CLOSE, start)) {
            JdbcListener l = listener;
            if (l != null) {
                l.closed(connection);
            }
        }
    }

    public static long prepareEnter() {
        return enter(PREPARE);
    }

    public static void prepareExit(long start, Object statement, Object sql) {
        if (exit(PREPARE, start) && statement != null && sql instanceof String) {
            JdbcListener l = listener;
            if (l != null) {
                l.prepared(statement, (String) sql);
            }
        }
    }

    public static long executeEnter() {
        return enter(EXECUTE);
    }

    public static void executeExit(long start, Object statement, Object sqlArgument, Throwable error) {
        if (exit(EXECUTE, start)) {
            long elapsed = System.nanoTime() - start;
            RequestContext.addDbNanos(elapsed);
            JdbcListener l = listener;
            if (l != null) {
                l.executed(statement, sqlArgument instanceof String ? (String) sqlArgument : null, error, elapsed);
            }
        }
    }

    private static long enter(int kind) {
        if (listener == null) {
            return NESTED;
        }
        int[] depth = DEPTH.get();
        return depth[kind]++ == 0 ? System.nanoTime() : INNER;
    }

    private static boolean exit(int kind, long start) {
        if (start == NESTED) {
            return false; // enter saw no listener and did not count this call
        }
        int[] depth = DEPTH.get();
        if (depth[kind] > 0) {
            depth[kind]--;
        }
        return start != INNER && depth[kind] == 0;
    }
}
