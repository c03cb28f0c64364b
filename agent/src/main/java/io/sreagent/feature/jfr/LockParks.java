package io.sreagent.feature.jfr;

import java.util.concurrent.locks.LockSupport;

/**
 * Whether {@code jdk.ThreadPark} is recorded at all. While it is, every park of every thread reads
 * the clock twice (about 60 ns, measured on JDK 17 and 25), whatever the threshold, and a busy server
 * parks a few times per request; and idle pool threads' long parks on conditions and queues (about a
 * hundred a second in the test app's Jetty under load) are recorded only to be dropped, as JFR cannot
 * leave a park out by what was parked on. So parks are not recorded until a thread is seen parked on
 * a {@code java.util.concurrent} lock: once a second {@link #look} reads each live thread's park
 * blocker (a field read, no safepoint), and {@link WaitStacks} switches the event on, with stacks,
 * until no thread has waited on a lock for the quiet time. Contention shorter than the look's second
 * can be missed entirely. A saturated pool can switch recording on for a while: a woken pool thread
 * that waits to take its queue's lock back looks like a lock wait until its stack shows the condition
 * wait around it.
 */
final class LockParks {
    static final long LOOK_EVERY_MILLIS = 1_000;
    /** Threads looked at per look; beyond it the rest wait for recording to be switched on by another. */
    static final int MAX_THREADS = 10_000;

    private final WaitStacks recording;
    private long nextLookMillis;
    private Thread[] threads = new Thread[64];

    LockParks(WaitStacks recording) {
        this.recording = recording;
    }

    /** At most once a {@link #LOOK_EVERY_MILLIS}: is a live thread parked on a lock now? */
    synchronized void look(long nowMillis) {
        if (nowMillis < nextLookMillis) {
            return;
        }
        nextLookMillis = nowMillis + LOOK_EVERY_MILLIS;
        String lock = parkedOnLock();
        if (lock == null) {
            return;
        }
        if (recording.on()) {
            recording.seen(nowMillis);
        } else {
            recording.seenWithoutStack(nowMillis, lock);
        }
    }

    /** The class of the lock a live platform thread is parked on, or null if none is. */
    private String parkedOnLock() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        int n = root.enumerate(threads, true);
        if (n == threads.length && threads.length < MAX_THREADS) {
            threads = new Thread[Math.min(MAX_THREADS, threads.length * 4)];
            n = root.enumerate(threads, true);
        }
        String found = null;
        for (int i = 0; i < n; i++) {
            Object blocker = LockSupport.getBlocker(threads[i]);
            if (found == null && blocker != null && LockWaitEvents.isLock(blocker.getClass().getName())
                    && !RecordedEvents.ignored(threads[i].getName())) {
                found = blocker.getClass().getName();
            }
            threads[i] = null; // no strong references to the application's threads between looks
        }
        return found;
    }
}
