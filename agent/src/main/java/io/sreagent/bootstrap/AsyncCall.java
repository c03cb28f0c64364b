package io.sreagent.bootstrap;

import java.util.function.BiConsumer;

/**
 * Completion of an asynchronous outbound call: reports it and adds its time to the request that
 * started it, if that request is still being served.
 */
final class AsyncCall implements BiConsumer<Object, Throwable> {
    private final long start;
    private final InboundRequest request;
    private final long generation;
    private final String client;
    private final String method;
    private final String scheme;
    private final String host;
    private final int port;
    private final boolean connectTimeoutSet;
    private final boolean readTimeoutSet;
    private final StackTraceElement[] callStack;

    AsyncCall(long start, InboundRequest request, long generation, String client, String method, String scheme,
              String host, int port, boolean connectTimeoutSet, boolean readTimeoutSet, StackTraceElement[] callStack) {
        this.start = start;
        this.request = request;
        this.generation = generation;
        this.client = client;
        this.method = method;
        this.scheme = scheme;
        this.host = host;
        this.port = port;
        this.connectTimeoutSet = connectTimeoutSet;
        this.readTimeoutSet = readTimeoutSet;
        this.callStack = callStack;
    }

    @Override
    public void accept(Object response, Throwable thrown) {
        try {
            long nanos = System.nanoTime() - start;
            if (generation >= 0) {
                request.addHttpIfStill(generation, nanos);
            }
            HttpHooks.Receiver r = HttpHooks.receiver();
            if (r != null) {
                Throwable cause = unwrap(thrown);
                r.outbound(client, method, scheme, host, port, response == null ? -1 : r.statusOf(response), cause,
                        nanos, connectTimeoutSet, readTimeoutSet, true, callStack);
            }
        } catch (Throwable ignored) {
            // never into the application
        }
    }

    /** CompletableFuture wraps failures of dependent stages in CompletionException. */
    private static Throwable unwrap(Throwable t) {
        while (t instanceof java.util.concurrent.CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
