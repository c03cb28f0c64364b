package io.sreagent.bootstrap;

/**
 * Called by advice woven into the logging frameworks' single entry points (Logback's
 * {@code callAppenders}, Log4j 2's core {@code Logger}, JUL's {@code Logger.log(LogRecord)}), only for
 * events at ERROR/SEVERE or above that carry a throwable: the advice tests the level first, so an
 * ordinary log call never reaches here. Only the outermost such event on a thread counts, so an event
 * bridged from one framework into another (JUL into SLF4J, Log4j into Logback) is counted once.
 */
public final class LogHooks {

    /** Implemented by the agent; must never throw. {@code pattern} is the unformatted message, never its arguments. */
    public interface Receiver {
        void error(String framework, String logger, String pattern, Throwable thrown);
    }

    private static volatile Receiver receiver;

    private LogHooks() {
    }

    public static void install(Receiver r) {
        receiver = r;
    }

    public static void uninstall() {
        receiver = null;
    }

    /** An error event is being logged; always returns true: the advice then calls {@link #exit} when the logging call ends. */
    public static boolean enter(String framework, String logger, String pattern, Throwable thrown) {
        int[] depth = RequestContext.current().logDepth;
        if (depth[0]++ == 0) {
            Receiver r = receiver;
            if (r != null && thrown != null) {
                try {
                    r.error(framework, logger, pattern, thrown);
                } catch (Throwable ignored) {
                    // Never into the application.
                }
            }
        }
        return true;
    }

    public static void exit() {
        int[] depth = RequestContext.current().logDepth;
        if (depth[0] > 0) {
            depth[0]--;
        }
    }
}
