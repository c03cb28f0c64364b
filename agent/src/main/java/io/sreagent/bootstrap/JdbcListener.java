package io.sreagent.bootstrap;

/**
 * What the JDBC advice reports, implemented by the agent's JDBC feature. Parameters are typed
 * {@code Object}: java.sql types are not visible from the bootstrap loader. Implementations must
 * never throw and must be cheap; they run on the application's threads.
 */
public interface JdbcListener {

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
}
