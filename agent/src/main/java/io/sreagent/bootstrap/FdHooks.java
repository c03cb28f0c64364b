package io.sreagent.bootstrap;

/**
 * Called by advice woven into the JDK classes that open a file descriptor (file streams,
 * {@code RandomAccessFile}, {@code FileChannel.open}, sockets and socket channels) and into their
 * {@code close()}: forwards to the receiver the fd feature installs. A per-thread depth keeps what the
 * receiver itself does (loading one of its classes reads a jar) from being observed. A constructor that
 * delegates to another one of its class reports the same object twice; the agent ignores repeats by identity.
 */
public final class FdHooks {

    /** Implemented by the agent; must never throw. {@code path} is the file's path for files, else null. */
    public interface Receiver {
        void opened(Object resource, Object path);

        void closed(Object resource);
    }

    private static volatile Receiver receiver;

    private FdHooks() {
    }

    public static void install(Receiver r) {
        receiver = r;
    }

    public static void uninstall() {
        receiver = null;
    }

    /** A resource was opened: its constructor or factory returned normally. */
    public static void opened(Object resource, Object path) {
        Receiver r = receiver;
        if (r == null || resource == null) {
            return;
        }
        int[] depth = RequestContext.current().fdHookDepth;
        if (depth[0] != 0) {
            return;
        }
        depth[0]++;
        try {
            r.opened(resource, path);
        } catch (Throwable ignored) {
            // Never into the application.
        } finally {
            depth[0]--;
        }
    }

    /** {@code close()} was called on a resource, tracked or not. */
    public static void closed(Object resource) {
        Receiver r = receiver;
        if (r == null) {
            return;
        }
        try {
            r.closed(resource);
        } catch (Throwable ignored) {
            // Never into the application.
        }
    }
}
