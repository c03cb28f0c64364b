package com.example.shop.scenario;

import java.util.concurrent.CountDownLatch;

/** Thread plumbing shared by scenarios that leave threads behind on purpose. */
final class ScenarioThreads {

    private ScenarioThreads() {
    }

    /** The first pair keeps the bare name ("deadlock-a"); later pairs get "-2", "-3", ... */
    static String name(String base, int pair) {
        return pair == 1 ? base : base + "-" + pair;
    }

    /** Starts a platform thread that nobody joins; daemon so it can never keep the JVM alive. */
    static void startDaemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Waits until every thread of the pair holds its first lock, which turns a racy lock-order inversion
     * into a certain deadlock. Returns false only if interrupted, in which case the caller backs off.
     */
    static boolean awaitPeer(CountDownLatch bothHoldFirstLock) {
        bothHoldFirstLock.countDown();
        try {
            bothHoldFirstLock.await();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
