package io.sreagent.leaks;

import io.sreagent.bootstrap.ThreadHooks;
import io.sreagent.telemetry.ExecutorRegistry;
import io.sreagent.telemetry.ThreadStarts;

/**
 * Receives the thread hooks. A class of its own, loaded only once the feature starts: the hook interface
 * exists only on the bootstrap search path, which is set up after the feature classes are first loaded
 * (to read their names for the configuration).
 */
final class ThreadEvents implements ThreadHooks.Handler {
    private final ThreadStarts starts;
    private final ExecutorRegistry pools;

    ThreadEvents(ThreadStarts starts, ExecutorRegistry pools) {
        this.starts = starts;
        this.pools = pools;
    }

    void install() {
        ThreadHooks.install(this);
    }

    static void uninstall() {
        ThreadHooks.install(null);
    }

    @Override
    public void threadStarting(Object thread) {
        starts.starting((Thread) thread);
    }

    @Override
    public void executorCreated(Object executor) {
        pools.created(executor);
    }

    @Override
    public void timerCancelled(Object timer) {
        pools.cancelled(timer);
    }
}
