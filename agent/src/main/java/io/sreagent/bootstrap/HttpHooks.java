package io.sreagent.bootstrap;

import java.util.concurrent.CompletableFuture;

/**
 * Static entry points for the HTTP advice (inbound servers, outbound clients); safe to call when no
 * listener is installed.
 *
 * <p>Inbound: {@link #inboundEnter} on entry; on exit first {@link #inboundLeave} (always, so the
 * nesting depth stays right whatever fails next), then {@link #inboundRecord} with the request's
 * details when it returned a duration. Outbound the same with {@link #outboundEnter},
 * {@link #outboundLeave} and {@link #outboundRecord}; an asynchronous call ends its synchronous part
 * with {@link #outboundNestedExit} and {@link #outboundAsyncStarted}, which times the rest from the
 * returned future.
 */
public final class HttpHooks {
    private static volatile HttpListener listener;

    private HttpHooks() {
    }

    public static void install(HttpListener l) {
        listener = l;
    }

    public static void uninstall() {
        listener = null;
    }

    static HttpListener listener() {
        return listener;
    }

    /** Returns the start time when this is the outermost entry of a request, else 0. */
    public static long inboundEnter() {
        RequestContext c = RequestContext.current();
        if (c.inboundDepth++ != 0 || listener == null) {
            return 0L;
        }
        c.begin();
        return System.nanoTime();
    }

    /** Returns the outermost request's duration, or -1 for a nested entry. */
    public static long inboundLeave(long start) {
        RequestContext c = RequestContext.current();
        if (c.inboundDepth > 0) {
            c.inboundDepth--;
        }
        if (start == 0L) {
            return -1L;
        }
        c.end();
        return System.nanoTime() - start;
    }

    /**
     * Records a request closed by {@link #inboundLeave}.
     *
     * @param counted false for dispatches that are not a new request (error or async re-dispatch)
     */
    public static void inboundRecord(long nanos, String server, String method, String path, Object template,
                                     int status, Throwable thrown, boolean async, boolean counted) {
        HttpListener l = listener;
        if (l == null || !counted || nanos < 0) {
            return;
        }
        try {
            RequestContext c = RequestContext.current();
            l.inbound(server, method, path, template instanceof String ? (String) template : null,
                    thrown != null && status < 500 ? 500 : status, thrown, async,
                    nanos, c.dbNanos(), c.dbCalls(), c.httpNanos(), c.httpCalls(), c.topHost(), c.topPort(),
                    c.topStatement(), c.topStatementNanos());
        } catch (Throwable ignored) {
            // never into the application
        }
    }

    /** Returns the start time when this is the outermost outbound call on this thread, else 0. */
    public static long outboundEnter() {
        RequestContext c = RequestContext.current();
        if (c.outboundDepth++ != 0 || listener == null) {
            return 0L;
        }
        return System.nanoTime();
    }

    public static void outboundNestedExit() {
        RequestContext c = RequestContext.current();
        if (c.outboundDepth > 0) {
            c.outboundDepth--;
        }
    }

    /** Closes a blocking call. Returns its duration, or -1 for a nested call. */
    public static long outboundLeave(long start) {
        outboundNestedExit();
        return start == 0L ? -1L : System.nanoTime() - start;
    }

    /**
     * Records a blocking call closed by {@link #outboundLeave}, on the calling thread, and adds its
     * time to the request this thread serves.
     */
    public static void outboundRecord(long nanos, String client, String method, String scheme, String host, int port,
                                      int status, Throwable thrown, boolean connectTimeoutSet, boolean readTimeoutSet) {
        if (nanos < 0) {
            return;
        }
        RequestContext c = RequestContext.current();
        c.addHttp(nanos);
        HttpListener l = listener;
        if (l == null) {
            return;
        }
        try {
            c.noteHost(host, port, nanos);
            StackTraceElement[] stack = l.wantsCallSite(host, port, connectTimeoutSet && readTimeoutSet, status,
                    thrown != null && status < 0) ? new Throwable().getStackTrace() : null;
            l.outbound(client, method, scheme, host, port, status, thrown, nanos, connectTimeoutSet, readTimeoutSet,
                    false, stack);
        } catch (Throwable ignored) {
            // never into the application
        }
    }

    /** An asynchronous call was started; it is recorded when {@code future} completes. */
    public static void outboundAsyncStarted(long start, String client, String method, String scheme, String host,
                                            int port, Object future, boolean connectTimeoutSet, boolean readTimeoutSet) {
        HttpListener l = listener;
        if (l == null || start == 0L || !(future instanceof CompletableFuture)) {
            return;
        }
        try {
            RequestContext c = RequestContext.current();
            StackTraceElement[] stack = l.wantsCallSite(host, port, connectTimeoutSet && readTimeoutSet, 0, false)
                    ? new Throwable().getStackTrace() : null;
            AsyncCall call = new AsyncCall(start, c, c.active() ? c.generation() : -1, client, method, scheme, host,
                    port, connectTimeoutSet, readTimeoutSet, stack);
            ((CompletableFuture<?>) future).whenComplete(call);
        } catch (Throwable ignored) {
            // never into the application
        }
    }
}
