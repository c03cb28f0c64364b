package io.sreagent.bootstrap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The nesting and attribution logic behind the advice, driven the way woven code calls it. */
class HttpHooksTest {
    private final List<String> seen = new ArrayList<>();
    private final List<long[]> times = new ArrayList<>();
    /** What the JDBC hooks measured of each statement, in order. */
    private final List<Long> statementNanos = new ArrayList<>();
    /** Per request handed over: the caught exception and the status site it carried. */
    private final List<Object> handed = new ArrayList<>();
    /** Response classes the status site was asked for. */
    private final List<String> statusAsked = new ArrayList<>();

    private final HttpHooks.Receiver listener = new HttpHooks.Receiver() {
        @Override
        public void inbound(InboundRequest request) {
            request.routed(request.method(), request.path());
            seen.add("in " + request.method() + " " + request.path() + " " + request.status() + " top=" + request.topHost());
            times.add(new long[] {request.nanos(), request.dbNanos(), request.dbCalls(), request.httpNanos(),
                    request.httpCalls()});
            handed.add(request.handled());
            handed.add(request.statusSite());
        }

        @Override
        public Object statusSite(String responseClass) {
            statusAsked.add(responseClass);
            return "set at " + responseClass;
        }

        @Override
        public Object asyncStarted(OutboundCall call) {
            return call.connectTimeoutSet() && call.readTimeoutSet() ? null : "site";
        }

        @Override
        public void outbound(OutboundCall call) {
            seen.add("out " + call.host() + " " + call.status() + (call.async() ? " async" : "")
                    + (call.callSite() != null ? " site" : ""));
        }

        @Override
        public int statusOf(Object response) {
            return (Integer) response;
        }
    };

    /** The JDBC hooks count a statement only while they have a receiver. */
    private final JdbcHooks.Receiver statements = new JdbcHooks.Receiver() {
        @Override
        public void acquired(Object source, Object connection, Throwable error, long nanos, long endNanos,
                             RequestContext thread) {
        }

        @Override
        public void closed(Object connection, RequestContext thread) {
        }

        @Override
        public void prepared(Object statement, String sql) {
        }

        @Override
        public String executed(Object statement, String sql, Throwable error, long nanos) {
            statementNanos.add(nanos);
            return sql;
        }

        @Override
        public Object repeatOrigin(String statement) {
            seen.add("origin of " + statement + " after " + statementNanos.size() + " executions");
            return "origin";
        }

        @Override
        public void repeated(InboundRequest request) {
            for (int i = 0; i < request.shapesCounted(); i++) {
                seen.add("repeated " + request.route() + " " + request.shape(i) + " x" + request.shapeExecutions(i)
                        + " " + request.shapeOrigin(i));
            }
        }
    };

    @BeforeEach
    void install() {
        HttpHooks.install(listener);
        JdbcHooks.install(statements);
    }

    @AfterEach
    void uninstall() {
        HttpHooks.uninstall();
        JdbcHooks.uninstall();
    }

    /** A statement executed on this thread through the JDBC hooks, as if it began {@code agoNanos} ago. */
    private void execute(long agoNanos) {
        execute(agoNanos, "SELECT 1");
    }

    private void execute(long agoNanos, String sql) {
        RequestContext c = JdbcHooks.executeEnter();
        c.jdbcStart[JdbcHooks.EXECUTE] -= agoNanos;
        JdbcHooks.executeExit(c, "statement", sql, null);
    }

    @Test
    void aStatementRepeatedWithinARequestIsCountedAndItsOriginTakenOnceAtTheThreshold() {
        JdbcHooks.install(statements, 10);
        long a = HttpHooks.inboundEnter();
        execute(0, "SELECT list");
        for (int i = 0; i < 12; i++) {
            execute(1_000, "SELECT row");
        }
        HttpHooks.inboundRecord(HttpHooks.inboundLeave(a), "s", "GET", "/n", null, 200, null, false, true);
        assertEquals(List.of("origin of SELECT row after 11 executions", "in GET /n 200 top=null", "repeated /n SELECT list x1 null",
                "repeated /n SELECT row x12 origin"), seen);

        seen.clear();
        long b = HttpHooks.inboundEnter();
        for (int i = 0; i < 9; i++) {
            execute(1_000, "SELECT row");
        }
        execute(0, "SELECT other"); // nor do two shapes add up
        HttpHooks.inboundRecord(HttpHooks.inboundLeave(b), "s", "GET", "/n", null, 200, null, false, true);
        assertEquals(List.of("in GET /n 200 top=null"), seen, "nine executions are below the threshold");

        seen.clear();
        for (int i = 0; i < 20; i++) {
            execute(1_000, "SELECT row"); // outside any request
        }
        assertEquals(List.of(), seen);
    }

    @Test
    void shapesPastTheKeptOnesAreNotCounted() {
        JdbcHooks.install(statements, 2);
        long a = HttpHooks.inboundEnter();
        String[] shapes = new String[InboundRequest.SHAPES_KEPT + 1];
        for (int s = 0; s < shapes.length; s++) {
            shapes[s] = ("SELECT " + s).intern();
            execute(0, shapes[s]);
            execute(0, shapes[s]);
        }
        HttpHooks.inboundRecord(HttpHooks.inboundLeave(a), "s", "GET", "/many", null, 200, null, false, true);
        assertEquals(InboundRequest.SHAPES_KEPT, RequestContext.current().request.shapesCounted());
        assertEquals(InboundRequest.SHAPES_KEPT, seen.stream().filter(e -> e.startsWith("origin of")).count(), seen.toString());
        assertFalse(seen.stream().anyMatch(e -> e.startsWith("origin of " + shapes[InboundRequest.SHAPES_KEPT] + " ")), seen.toString());
    }

    /** One blocking outbound call made on this thread through the HTTP hooks. */
    private static void call(String host) {
        long start = HttpHooks.outboundEnter();
        HttpHooks.outboundRecord(HttpHooks.outboundLeave(start), "c", "GET", "http", host, 80, 200, null, true, true);
    }

    @Test
    void nestedEntriesCountOnceAndCollectTheTimeBelowThem() {
        long outer = HttpHooks.inboundEnter();              // filter chain
        long inner = HttpHooks.inboundEnter();              // servlet
        assertTrue(outer != 0);
        assertEquals(0, inner);
        assertTrue(RequestContext.current().request.active());
        execute(5_000_000);
        execute(1_000_000);
        long call = HttpHooks.outboundEnter();
        long nestedCall = HttpHooks.outboundEnter();
        HttpHooks.outboundRecord(HttpHooks.outboundLeave(nestedCall), "c", "GET", "http", "ignored", 80, 200, null, true, true);
        HttpHooks.outboundRecord(HttpHooks.outboundLeave(call), "c", "GET", "http", "up", 80, 200, null, true, true);
        call("up");
        HttpHooks.inboundRecord(HttpHooks.inboundLeave(inner), "s", "GET", "/inner", null, 200, null, false, true);
        HttpHooks.inboundRecord(HttpHooks.inboundLeave(outer), "s", "GET", "/x", null, 200, null, false, true);

        assertEquals(List.of("out up 200", "out up 200", "in GET /x 200 top=up"), seen);
        long[] t = times.get(0);
        assertEquals(statementNanos.get(0) + statementNanos.get(1), t[1]);
        assertTrue(t[1] >= 6_000_000, String.valueOf(t[1]));
        assertEquals(2, t[2]);
        assertEquals(2, t[4], "two outermost calls; the nested one is not counted");
        assertFalse(RequestContext.current().request.active());
    }

    @Test
    void anEscapingExceptionIsA500AndOtherDispatchesAreNotRequests() {
        long a = HttpHooks.inboundEnter();
        HttpHooks.inboundRecord(HttpHooks.inboundLeave(a), "s", "GET", "/boom", null, 200, new IllegalStateException(), false, true);
        long b = HttpHooks.inboundEnter();
        HttpHooks.inboundRecord(HttpHooks.inboundLeave(b), "s", "GET", "/error-page", null, 500, null, false, false);
        assertEquals(List.of("in GET /boom 500 top=null"), seen);
    }

    @Test
    void theThreadsRequestKeepsNoExceptionOnceReported() {
        long a = HttpHooks.inboundEnter();
        HttpHooks.inboundRecord(HttpHooks.inboundLeave(a), "s", "GET", "/boom", null, 500, new IllegalStateException(), false, true);
        assertEquals(List.of("in GET /boom 500 top=null"), seen);
        assertNull(RequestContext.current().request.thrown(), "it would pin the application's classes to this thread");
    }

    @Test
    void theFirstCaughtExceptionAndOneStatusSiteGoWithTheirRequestOnly() {
        IllegalStateException first = new IllegalStateException("first");
        HttpHooks.inboundHandled(new IllegalStateException("before any request"));
        HttpHooks.inboundStatusSet(500, "Outside");
        long a = HttpHooks.inboundEnter();
        HttpHooks.inboundStatusSet(200, "Response");         // healthy statuses are never looked at
        HttpHooks.inboundHandled(first);
        HttpHooks.inboundHandled(new IllegalArgumentException("second"));
        HttpHooks.inboundHandled("not an exception");
        HttpHooks.inboundStatusSet(503, "Wrapper");
        HttpHooks.inboundStatusSet(500, "Response");         // the wrapped response, or a second call: no second walk
        HttpHooks.inboundRecord(HttpHooks.inboundLeave(a), "s", "GET", "/mapped", null, 503, null, false, true);
        HttpHooks.inboundStatusSet(500, "AfterTheEnd");      // the server's own error handling, after the request
        long b = HttpHooks.inboundEnter();
        HttpHooks.inboundRecord(HttpHooks.inboundLeave(b), "s", "GET", "/ok", null, 200, null, false, true);

        assertEquals(List.of("Wrapper"), statusAsked);
        assertEquals(Arrays.asList(first, "set at Wrapper", null, null), handed);
        assertNull(RequestContext.current().request.handled(), "it would pin the application's classes to this thread");
    }

    @Test
    void anErrorDispatchKeepsNothingItCaught() {
        long a = HttpHooks.inboundEnter();
        HttpHooks.inboundHandled(new IllegalStateException());
        HttpHooks.inboundRecord(HttpHooks.inboundLeave(a), "s", "GET", "/error-page", null, 500, null, false, false);
        assertTrue(handed.isEmpty());
        assertNull(RequestContext.current().request.handled());
    }

    @Test
    void nothingIsKeptWithoutAReceiver() {
        HttpHooks.uninstall();
        long a = HttpHooks.inboundEnter();
        HttpHooks.inboundHandled(new IllegalStateException());
        HttpHooks.inboundStatusSet(500, "Response");
        HttpHooks.inboundLeave(a);
        assertNull(RequestContext.current().request.handled());
        assertNull(RequestContext.current().request.statusSite());
    }

    @Test
    void timeOutsidARequestIsNotAttributed() {
        execute(1_000);
        long a = HttpHooks.inboundEnter();
        HttpHooks.inboundRecord(HttpHooks.inboundLeave(a), "s", "GET", "/", null, 200, null, false, true);
        assertEquals(0, times.get(0)[1]);
    }

    @Test
    void asyncCallsAreRecordedOnCompletionAndAddedToTheirRequestOnly() {
        long req = HttpHooks.inboundEnter();
        CompletableFuture<Object> joined = new CompletableFuture<>();
        long call = HttpHooks.outboundEnter();
        HttpHooks.outboundNestedExit();
        HttpHooks.outboundAsyncStarted(call, "c", "GET", "http", "up", 80, joined, true, false);
        joined.complete(429);
        CompletableFuture<Object> late = new CompletableFuture<>();
        long call2 = HttpHooks.outboundEnter();
        HttpHooks.outboundNestedExit();
        HttpHooks.outboundAsyncStarted(call2, "c", "GET", "http", "late", 80, late, true, true);
        HttpHooks.inboundRecord(HttpHooks.inboundLeave(req), "s", "GET", "/a", null, 200, null, false, true);
        late.completeExceptionally(new java.io.IOException("reset"));

        assertEquals(List.of("out up 429 async site", "in GET /a 200 top=null", "out late -1 async"), seen);
        assertEquals(1, times.get(0)[4], "only the call that finished while the request ran");
    }

    @Test
    void withoutAListenerNothingIsOpened() {
        HttpHooks.uninstall();
        long a = HttpHooks.inboundEnter();
        assertEquals(0, a);
        assertEquals(-1, HttpHooks.inboundLeave(a));
        assertFalse(RequestContext.current().request.active());
        HttpHooks.install(listener);
        long b = HttpHooks.inboundEnter();
        assertTrue(b != 0, "depth went back to zero");
        HttpHooks.inboundLeave(b);
    }
}
