package io.sreagent.bootstrap;

/**
 * Called by advice woven into {@code java.lang.Thread.start}, the executor and timer constructors and
 * {@code Timer.cancel}: forwards to the receiver the threads feature installs. Lives in the bootstrap
 * loader (java.base only, Object-typed parameters). A per-thread depth makes only the outermost of
 * nested starts count ({@code start()} calling {@code start(container)} on JDK 21+) and keeps whatever
 * the receiver itself does from being observed. A pool's delegating constructors report the same object
 * more than once; the agent ignores repeats by identity.
 */
public final class ThreadHooks {

    /** Implemented by the agent; must never throw and never start threads. */
    public interface Receiver {
        void threadStarting(Object thread);

        void executorCreated(Object executor);

        void timerCancelled(Object timer);
    }

    private static volatile Receiver receiver;

    private ThreadHooks() {
    }

    public static void install(Receiver r) {
        receiver = r;
    }

    public static void uninstall() {
        receiver = null;
    }

    /** Enter of {@code start}: counts the thread when this is the outermost hooked call on this thread. */
    public static void threadStarting(Object thread) {
        int[] depth = RequestContext.current().threadHookDepth;
        Receiver r = receiver;
        if (depth[0]++ == 0 && r != null) {
            try {
                r.threadStarting(thread);
            } catch (Throwable ignored) {
                // Never into the application.
            }
        }
    }

    /** Closes what {@link #threadStarting} opened; runs on every exit of the woven method. */
    public static void threadStarted() {
        int[] depth = RequestContext.current().threadHookDepth;
        if (depth[0] > 0) {
            depth[0]--;
        }
    }

    public static void executorCreated(Object executor) {
        Receiver r = receiver;
        if (r == null) {
            return;
        }
        int[] depth = RequestContext.current().threadHookDepth;
        if (depth[0] == 0) {
            depth[0]++;
            try {
                r.executorCreated(executor);
            } catch (Throwable ignored) {
                // Never into the application.
            } finally {
                depth[0]--;
            }
        }
    }

    public static void timerCancelled(Object timer) {
        Receiver r = receiver;
        if (r != null) {
            try {
                r.timerCancelled(timer);
            } catch (Throwable ignored) {
                // Never into the application.
            }
        }
    }
}
