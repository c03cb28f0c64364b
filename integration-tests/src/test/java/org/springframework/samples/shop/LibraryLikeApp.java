package org.springframework.samples.shop;

import java.util.concurrent.CountDownLatch;

/**
 * An application whose own package starts like a library's (as Spring PetClinic's does): once a file
 * named {@code go} appears in its working directory (the test makes it when the agent has woven), it
 * starts workers that park for good and then deadlocks two threads, so the agent has thread-start sites
 * and a deadlock to attribute. Every site must land here, not be skipped as "Spring".
 */
public final class LibraryLikeApp {
    private static final Object LEFT = new Object();
    private static final Object RIGHT = new Object();

    public static void main(String[] args) throws Exception {
        System.out.println("waiting for go");
        while (!java.nio.file.Files.exists(java.nio.file.Path.of("go"))) {
            Thread.sleep(50);
        }
        for (int i = 0; i < 3; i++) {
            Thread worker = new Thread(LibraryLikeApp::parkForGood, "library-like-worker-" + i);
            worker.setDaemon(true);
            worker.start(); // library-like-start-site
        }
        CountDownLatch bothHoldOne = new CountDownLatch(2);
        Thread a = new Thread(() -> lock(LEFT, RIGHT, bothHoldOne), "library-like-a");
        Thread b = new Thread(() -> lock(RIGHT, LEFT, bothHoldOne), "library-like-b");
        a.setDaemon(true);
        b.setDaemon(true);
        a.start();
        b.start();
        System.out.println("ready");
        Thread.sleep(Long.MAX_VALUE);
    }

    private static void lock(Object first, Object second, CountDownLatch bothHoldOne) {
        synchronized (first) {
            bothHoldOne.countDown();
            try {
                bothHoldOne.await();
            } catch (InterruptedException e) {
                return;
            }
            // Blocks for ever: the other thread holds second and waits for first.
            synchronized (second) { } // library-like-deadlock-site
        }
    }

    private static void parkForGood() {
        while (true) {
            java.util.concurrent.locks.LockSupport.park();
        }
    }
}
