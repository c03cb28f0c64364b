package io.sreagent.bootstrap;

/** What the hooks hand to receivers, filled in directly, for the receivers' own tests in other packages. */
public final class HookCarriers {

    private HookCarriers() {
    }

    /** A finished inbound request, with the time below it as the hooks would have added it up. */
    public static InboundRequest inbound(String server, String method, String path, String template, int status,
                                         Throwable thrown, boolean async, long nanos, long dbNanos, long dbCalls,
                                         long httpNanos, long httpCalls, String topHost, int topPort,
                                         String topStatement, long topStatementNanos) {
        InboundRequest request = new InboundRequest();
        request.dbNanos = dbNanos;
        request.dbCalls = dbCalls;
        request.httpNanos = httpNanos;
        request.httpCalls = httpCalls;
        request.topHost = topHost;
        request.topPort = topPort;
        request.topStatement = topStatement;
        request.topStatementNanos = topStatementNanos;
        request.ended(server, method, path, template, status, thrown, async, nanos);
        return request;
    }

    /** An ended outbound call; {@code callStack} is where it was made, as the hooks would have captured it, or null. */
    public static OutboundCall outbound(String client, String method, String scheme, String host, int port, int status,
                                        Throwable thrown, long nanos, boolean connectTimeoutSet, boolean readTimeoutSet,
                                        boolean async, StackTraceElement[] callStack) {
        OutboundCall call = new OutboundCall(async);
        call.describe(client, method, scheme, host, port, connectTimeoutSet, readTimeoutSet);
        call.ended(status, thrown, nanos);
        call.callStack = callStack;
        return call;
    }
}
