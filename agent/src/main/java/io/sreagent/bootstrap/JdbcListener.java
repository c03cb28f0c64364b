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
     */
    void acquired(Object source, Object connection, Throwable error, long nanos, long endNanos);

    /** The outermost {@code Connection.close()} of a connection. */
    void closed(Object connection);

    /** The outermost prepareStatement/prepareCall returned a statement for this SQL. */
    void prepared(Object statement, String sql);

    /** The outermost execute* of a statement ended; sql is the argument of execute(String), else null. */
    void executed(Object statement, String sql, Throwable error, long nanos);
}
