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
    /**
     * Receives what the HTTP advice saw. Implemented by the agent's HTTP telemetry and installed with
     * {@link HttpHooks#install}; lives here so that advice in any class loader can reach it.
     * Implementations must be thread-safe, cheap and never throw.
     */
    public interface Receiver {

        /**
         * One inbound request finished (the outermost entry returned), on the thread that served it.
         * {@code request} is that thread's, reused for its next request: read it here, keep nothing of it.
         */
        void inbound(InboundRequest request);

        /**
         * An asynchronous call is being started, on the thread that starts it (its outcome is not known
         * yet): the last chance to see where it was made. Returns what {@code call} is to carry to its
         * completion as {@link OutboundCall#callSite()}, or null.
         */
        Object asyncStarted(OutboundCall call);

        /**
         * One outbound call finished: a blocking one on the thread that made it (so its call site is
         * the current stack), whose carrier is reused for its next call; an asynchronous one on the
         * thread that completed it. Read {@code call} here, keep nothing of it.
         */
        void outbound(OutboundCall call);

        /** The status code of a response object of a client this listener knows, or -1. */
        int statusOf(Object response);

        /**
         * A 5xx status is being set on a response of class {@code responseClass}, on the thread serving the
         * request: the application frame that set it, or null (not sampled, or none).
         */
        default Object statusSite(String responseClass) {
            return null;
        }
    }

    private static volatile Receiver receiver;

    private HttpHooks() {
    }

    public static void install(Receiver r) {
        receiver = r;
    }

    public static void uninstall() {
        receiver = null;
    }

    static Receiver receiver() {
        return receiver;
    }

    /** Returns the start time when this is the outermost entry of a request, else 0. */
    public static long inboundEnter() {
        RequestContext c = RequestContext.current();
        if (c.inboundDepth++ != 0 || receiver == null) {
            return 0L;
        }
        long start = System.nanoTime();
        c.request.begin(start);
        return start;
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
        c.request.end();
        return System.nanoTime() - start;
    }

    /**
     * Records a request closed by {@link #inboundLeave}.
     *
     * @param counted false for dispatches that are not a new request (error or async re-dispatch)
     */
    public static void inboundRecord(long nanos, String server, String method, String path, Object template,
                                     int status, Throwable thrown, boolean async, boolean counted) {
        Receiver r = receiver;
        if (nanos >= 0 && (r == null || !counted)) {
            // An error or async re-dispatch ran as a request of its own: drop what it caught, it would pin its classes.
            RequestContext.current().request.forgetThrown();
            return;
        }
        if (r == null || nanos < 0) {
            return;
        }
        try {
            InboundRequest request = RequestContext.current().request;
            request.ended(server, method, path, template instanceof String ? (String) template : null,
                    thrown != null && status < 500 ? 500 : status, thrown, async, nanos);
            try {
                r.inbound(request);
                JdbcHooks.requestEnded(request);
            } finally {
                request.forgetThrown();
            }
        } catch (Throwable ignored) {
            // never into the application
        }
    }

    /**
     * The application or its framework caught {@code thrown} while serving the request (an exception
     * resolver or mapper, a filter around the servlet that threw): remembered in case it answers 5xx.
     */
    public static void inboundHandled(Object thrown) {
        if (receiver == null || !(thrown instanceof Throwable)) {
            return;
        }
        try {
            RequestContext.current().request.handled((Throwable) thrown);
        } catch (Throwable ignored) {
            // never into the application
        }
    }

    /** A status of 500 or more is being set ({@code sendError}, {@code setStatus}) on the running request's response. */
    public static void inboundStatusSet(int status, String responseClass) {
        Receiver r = receiver;
        if (r == null || status < 500) {
            return;
        }
        try {
            InboundRequest request = RequestContext.current().request;
            if (request.firstStatusSet()) {
                request.statusSite = r.statusSite(responseClass);
            }
        } catch (Throwable ignored) {
            // never into the application
        }
    }

    /** Returns the start time when this is the outermost outbound call on this thread, else 0. */
    public static long outboundEnter() {
        RequestContext c = RequestContext.current();
        if (c.outboundDepth++ != 0 || receiver == null) {
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
        c.request.addHttp(nanos);
        Receiver r = receiver;
        if (r == null) {
            return;
        }
        try {
            c.request.noteHost(host, port, nanos);
            OutboundCall call = c.blockingCall;
            call.describe(client, method, scheme, host, port, connectTimeoutSet, readTimeoutSet);
            call.report(r, status, thrown, nanos);
        } catch (Throwable ignored) {
            // never into the application
        }
    }

    /** An asynchronous call was started; it is recorded when {@code future} completes. */
    public static void outboundAsyncStarted(long start, String client, String method, String scheme, String host,
                                            int port, Object future, boolean connectTimeoutSet, boolean readTimeoutSet) {
        Receiver r = receiver;
        if (r == null || start == 0L || !(future instanceof CompletableFuture)) {
            return;
        }
        try {
            InboundRequest request = RequestContext.current().request;
            AsyncCall call = new AsyncCall(start, request, request.active() ? request.generation() : -1);
            call.describe(client, method, scheme, host, port, connectTimeoutSet, readTimeoutSet);
            call.callSite = r.asyncStarted(call);
            ((CompletableFuture<?>) future).whenComplete(call);
        } catch (Throwable ignored) {
            // never into the application
        }
    }
}
