package io.sreagent.bootstrap;

/**
 * Called by advice woven into listener registration methods ({@code add*Listener}, {@code addObserver},
 * {@code register(listener)} and their removals) of application classes and the JDK's listener holders.
 * Only the outermost registration on a thread counts: an application's {@code addListener} that
 * delegates to a {@code PropertyChangeSupport} is one registration, not two.
 */
public final class ListenerHooks {

    /** Implemented by the agent; must never throw. {@code target} is null for a static registry. */
    public interface Receiver {
        void added(Object target, Class<?> declaringType, Object[] arguments);

        void removed(Object target, Class<?> declaringType, Object[] arguments);
    }

    private static volatile Receiver receiver;

    private ListenerHooks() {
    }

    public static void install(Receiver r) {
        receiver = r;
    }

    public static void uninstall() {
        receiver = null;
    }

    /** Enter of a registration method: true when it is the outermost one on this thread. */
    public static boolean enter() {
        return RequestContext.current().listenerDepth[0]++ == 0;
    }

    /** Exit of a registration method that {@link #enter} was called for; records it when outermost and it returned normally. */
    public static void exit(boolean outermost, boolean add, Object target, Class<?> declaringType, Object[] arguments, Throwable thrown) {
        int[] depth = RequestContext.current().listenerDepth;
        if (depth[0] > 0) {
            depth[0]--;
        }
        Receiver r = receiver;
        if (!outermost || thrown != null || r == null) {
            return;
        }
        depth[0]++;
        try {
            if (add) {
                r.added(target, declaringType, arguments);
            } else {
                r.removed(target, declaringType, arguments);
            }
        } catch (Throwable ignored) {
            // Never into the application.
        } finally {
            depth[0]--;
        }
    }
}
