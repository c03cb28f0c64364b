package io.sreagent.bootstrap;

import java.util.concurrent.CompletableFuture;

/**
 * Static entry points of the Redis command advice (Jedis, Lettuce). A blocking command (Jedis) is
 * timed on the calling thread, between {@link #blockingEnter} and {@link #blockingExit}; an
 * asynchronous one (Lettuce, whose sync API waits on the same future) from its dispatch until its
 * future completes, on whichever thread completes it. Either way its time joins the request the
 * calling thread was serving. Commands do not nest inside one client call, so no depth is kept.
 */
public final class RedisHooks {

    /**
     * What the Redis advice reports, implemented by the agent's Redis feature. Commands are names
     * only ({@code GET}, {@code EVAL}): keys and values never reach the agent. Implementations must
     * never throw and must be cheap; they run on the application's and the client's I/O threads.
     */
    public interface Receiver {

        /** A blocking command ended on the calling thread after {@code nanos}; error non-null when it threw. */
        void ended(String client, String command, Throwable error, long nanos);

        /**
         * An asynchronous command was dispatched, on the calling thread: returns what {@link #completed}
         * is handed back (the command's figures, its site), or null to not follow it.
         */
        Object started(String client, String command);

        /** The asynchronous command {@code started} describes completed after {@code nanos}. */
        void completed(Object started, Throwable error, long nanos);
    }

    private static volatile Receiver receiver;

    private RedisHooks() {
    }

    public static void install(Receiver r) {
        receiver = r;
    }

    public static void uninstall() {
        receiver = null;
    }

    /** System.nanoTime() when a receiver is installed, else -1 (then the exit does nothing). */
    public static long blockingEnter() {
        return receiver == null ? -1 : System.nanoTime();
    }

    public static void blockingExit(long start, String client, String command, Throwable error) {
        if (start < 0 || command == null) {
            return;
        }
        Receiver r = receiver;
        if (r == null) {
            return;
        }
        long nanos = System.nanoTime() - start;
        RequestContext.current().request.addRedis(nanos);
        r.ended(client, command, error, nanos);
    }

    /** An asynchronous command was handed to the client's connection; {@code future} completes with it. */
    public static void asyncDispatched(String client, String command, Object future) {
        Receiver r = receiver;
        if (r == null || command == null || !(future instanceof CompletableFuture<?> f)) {
            return;
        }
        long start = System.nanoTime();
        Object started = r.started(client, command);
        if (started == null) {
            return;
        }
        InboundRequest request = RequestContext.current().request;
        boolean inRequest = request.active();
        long generation = request.generation();
        f.whenComplete((value, error) -> {
            try {
                long nanos = System.nanoTime() - start;
                if (inRequest) {
                    request.addRedisIfStill(generation, nanos);
                }
                Receiver now = receiver;
                if (now != null) {
                    now.completed(started, error, nanos);
                }
            } catch (Throwable ignored) {
                // never into the client's completion path
            }
        });
    }
}
