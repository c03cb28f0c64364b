package io.sreagent.bootstrap;

/**
 * Receives what the HTTP advice saw. Implemented by the agent's HTTP telemetry and installed with
 * {@link HttpHooks#install}; lives here so that advice in any class loader can reach it.
 * Implementations must be thread-safe, cheap and never throw.
 */
public interface HttpListener {

    /**
     * One inbound request finished (the outermost entry returned).
     *
     * @param template the framework's route template when one is known, else null
     * @param status   the response status; 500 when an exception escaped
     * @param async    the handler started asynchronous processing: duration and status are not final
     * @param topHost  the outbound host the request waited on longest, or null
     * @param topStatement the SQL statement (as reports show it) of the request's longest execution, or null
     */
    void inbound(String server, String method, String path, String template, int status, Throwable thrown,
                 boolean async, long nanos, long dbNanos, long dbCalls, long httpNanos, long httpCalls,
                 String topHost, int topPort, String topStatement, long topStatementNanos);

    /**
     * Whether the caller's stack is wanted for a call to this host (it costs microseconds, so only a
     * bounded sample of calls should get one). Blocking calls ask when they are over, with their
     * outcome; asynchronous ones when they start, with {@code status} 0 (not known yet).
     */
    boolean wantsCallSite(String host, int port, boolean timeoutsSet, int status, boolean failed);

    /**
     * One outbound call finished.
     *
     * @param status    the response status, or -1 when no response arrived
     * @param callStack where the call was made when {@link #wantsCallSite} asked for it, else null
     */
    void outbound(String client, String method, String scheme, String host, int port, int status, Throwable thrown,
                  long nanos, boolean connectTimeoutSet, boolean readTimeoutSet, boolean async,
                  StackTraceElement[] callStack);

    /** The status code of a response object of a client this listener knows, or -1. */
    int statusOf(Object response);
}
