package io.sreagent.bootstrap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JdbcHooksTest {
    private final List<String> seen = new ArrayList<>();
    private final JdbcHooks.Receiver listener = new JdbcHooks.Receiver() {
        @Override
        public void acquired(Object source, Object connection, Throwable error, long nanos, long endNanos,
                             RequestContext thread) {
            seen.add("acquired " + source + " " + connection);
        }

        @Override
        public void closed(Object connection, RequestContext thread) {
            seen.add("closed " + connection);
        }

        @Override
        public void prepared(Object statement, String sql) {
            seen.add("prepared " + statement + " " + sql);
        }

        @Override
        public String executed(Object statement, String sql, Throwable error, long nanos) {
            seen.add("executed " + statement + " " + sql + " " + (error != null));
            return "shape of " + sql;
        }

        @Override
        public Object repeatOrigin(String statement) {
            return null;
        }

        @Override
        public void repeated(InboundRequest request) {
        }
    };

    @AfterEach
    void uninstall() {
        JdbcHooks.uninstall();
    }

    @Test
    void onlyTheOutermostOfNestedCallsIsReported() {
        JdbcHooks.install(listener);
        RequestContext pool = JdbcHooks.acquireEnter();
        RequestContext driver = JdbcHooks.acquireEnter();
        JdbcHooks.acquireExit(driver, "driver", "physical", null);
        JdbcHooks.acquireExit(pool, "pool", "proxy", null);
        assertEquals(List.of("acquired pool proxy"), seen);
    }

    @Test
    void poolInternalAcquisitionsAreNeverTheApplications() {
        JdbcHooks.install(listener);
        JdbcHooks.poolInternalEnter();
        RequestContext inner = JdbcHooks.acquireEnter();
        JdbcHooks.acquireExit(inner, "DriverDataSource", "physical", null);
        JdbcHooks.poolInternalExit();
        RequestContext app = JdbcHooks.acquireEnter();
        JdbcHooks.acquireExit(app, "pool", "proxy", null);
        assertEquals(List.of("acquired pool proxy"), seen);
    }

    @Test
    void kindsNestIndependently() {
        JdbcHooks.install(listener);
        RequestContext exec = JdbcHooks.executeEnter();
        RequestContext close = JdbcHooks.closeEnter(); // a driver closing something while executing
        JdbcHooks.closeExit(close, "c");
        RequestContext innerExec = JdbcHooks.executeEnter();
        JdbcHooks.executeExit(innerExec, "inner", "SELECT 2", null);
        JdbcHooks.executeExit(exec, "outer", "SELECT 1", new RuntimeException());
        assertEquals(List.of("closed c", "executed outer SELECT 1 true"), seen);
    }

    @Test
    void withoutAListenerNothingIsCountedAndAnInstallMidCallStaysBalanced() {
        RequestContext before = JdbcHooks.acquireEnter();
        JdbcHooks.install(listener);
        JdbcHooks.acquireExit(before, "pool", "x", null);
        RequestContext next = JdbcHooks.acquireEnter();
        JdbcHooks.acquireExit(next, "pool", "y", null);
        assertEquals(List.of("acquired pool y"), seen);
    }

    @Test
    void prepareNeedsAStringAndAStatement() {
        JdbcHooks.install(listener);
        RequestContext a = JdbcHooks.prepareEnter();
        JdbcHooks.prepareExit(a, null, "SELECT 1");
        RequestContext b = JdbcHooks.prepareEnter();
        JdbcHooks.prepareExit(b, "st", "SELECT 1");
        assertTrue(seen.equals(List.of("prepared st SELECT 1")), seen.toString());
    }

    @Test
    void aRequestKnowsItsDatabaseTimeAndTheStatementItWaitedOnLongest() {
        JdbcHooks.install(listener);
        InboundRequest request = RequestContext.current().request;
        request.begin(System.nanoTime());
        try {
            RequestContext slow = JdbcHooks.executeEnter();
            slow.jdbcStart[JdbcHooks.EXECUTE] -= 5_000_000_000L; // as if it began 5 s ago
            JdbcHooks.executeExit(slow, "st", "SELECT slow", null);
            JdbcHooks.executeExit(JdbcHooks.executeEnter(), "st", "SELECT fast", null);
            assertEquals("shape of SELECT slow", request.topStatement());
            assertEquals(2, request.dbCalls());
            assertTrue(request.dbNanos() >= 5_000_000_000L, String.valueOf(request.dbNanos()));
        } finally {
            request.end();
        }
        request.begin(System.nanoTime());
        assertEquals(null, request.topStatement(), "a new request starts with none");
        request.end();
    }
}
