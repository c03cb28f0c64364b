package io.sreagent.feature.jdbc;

import io.sreagent.report.Site;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Timespan;

/**
 * JFR events for JDK Mission Control: a slow statement and a connection leak. They cost nothing
 * unless a recording that enables them runs. SQL is the normalised shape, as in reports.
 */
final class JdbcEvents {
    private JdbcEvents() {
    }

    /** False on a runtime without the jdk.jfr module: the feature then works without events. */
    static boolean available() {
        try {
            Class.forName("jdk.jfr.Event");
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    static void slowQuery(String sql, long nanos, Site site) {
        SlowQuery e = new SlowQuery();
        if (e.shouldCommit()) {
            e.sql = sql;
            e.executionTime = nanos;
            e.site = site == null ? null : site.toString();
            e.commit();
        }
    }

    static void leak(String kind, String pool, long heldMillis, Site site) {
        ConnectionLeak e = new ConnectionLeak();
        if (e.shouldCommit()) {
            e.kind = kind;
            e.pool = pool;
            e.held = heldMillis * 1_000_000L;
            e.site = site == null ? null : site.toString();
            e.commit();
        }
    }

    @Name("io.sreagent.SlowQuery")
    @Label("Slow SQL Statement")
    @Category({"sre-agent", "JDBC"})
    @Description("A JDBC execution that took at least jdbc.slow")
    static final class SlowQuery extends Event {
        @Label("SQL (normalised)")
        String sql;
        @Label("Execution Time")
        @Timespan(Timespan.NANOSECONDS)
        long executionTime;
        @Label("Application Site")
        String site;
    }

    @Name("io.sreagent.ConnectionLeak")
    @Label("JDBC Connection Leak")
    @Category({"sre-agent", "JDBC"})
    @Description("A connection held longer than jdbc.leak.threshold, or garbage-collected without close()")
    static final class ConnectionLeak extends Event {
        @Label("Kind")
        String kind;
        @Label("Pool")
        String pool;
        @Label("Held")
        @Timespan(Timespan.NANOSECONDS)
        long held;
        @Label("Acquisition Site")
        String site;
    }
}
