package io.sreagent.feature.threads;

import io.sreagent.bootstrap.ThreadHooks;

/** Receives the thread hooks and files them into the thread starts and the pool registry. */
final class ThreadReceiver implements ThreadHooks.Receiver {
    private final ThreadStarts starts;
    private final ExecutorRegistry pools;

    ThreadReceiver(ThreadStarts starts, ExecutorRegistry pools) {
        this.starts = starts;
        this.pools = pools;
    }

    void install() {
        ThreadHooks.install(this);
    }

    static void uninstall() {
        ThreadHooks.uninstall();
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
