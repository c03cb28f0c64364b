package io.sreagent.bootstrap;

import java.util.function.BiConsumer;

/**
 * Completion of an asynchronous outbound call: reports it and adds its time to the request that
 * started it, if that request is still being served.
 */
final class AsyncCall extends OutboundCall implements BiConsumer<Object, Throwable> {
    private final long start;
    private final InboundRequest request;
    private final long generation;

    AsyncCall(long start, InboundRequest request, long generation) {
        super(true);
        this.start = start;
        this.request = request;
        this.generation = generation;
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
                report(r, response == null ? -1 : r.statusOf(response), unwrap(thrown), nanos);
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
