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

    /** The same request, with what the hooks kept of it while it ran: a caught exception, where a 5xx status was set. */
    public static InboundRequest caught(InboundRequest request, Throwable handled, Object statusSite) {
        request.handled = handled;
        request.statusSite = statusSite;
        return request;
    }

    /** A blocking outbound call that ended, as the hooks hand it over on the thread that made it. */
    public static OutboundCall outbound(String client, String method, String scheme, String host, int port, int status,
                                        Throwable thrown, long nanos, boolean connectTimeoutSet, boolean readTimeoutSet) {
        OutboundCall call = new OutboundCall(false);
        call.describe(client, method, scheme, host, port, connectTimeoutSet, readTimeoutSet);
        call.ended(status, thrown, nanos);
        return call;
    }

    /** A receiver that keeps nothing: tests override what they watch. */
    public static class QuietReceiver implements HttpHooks.Receiver {
        @Override
        public void inbound(InboundRequest request) {
        }

        @Override
        public Object asyncStarted(OutboundCall call) {
            return null;
        }

        @Override
        public void outbound(OutboundCall call) {
        }

        @Override
        public int statusOf(Object response) {
            return -1;
        }
    }
}
