package io.sreagent.jfr;

import io.sreagent.log.AgentLog;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Whether {@code jdk.ThreadPark} is recorded. While it is, every park of every thread reads the clock
 * twice (about 60 ns, measured on JDK 17 and 25), whatever the threshold, and a busy server parks a
 * few times per request; and idle pool threads' long parks on conditions and queues (about a hundred
 * a second in the test app's Jetty under load) are recorded only to be dropped, as JFR cannot leave a
 * park out by what was parked on. So parks are not recorded until a thread is seen parked on a
 * {@code java.util.concurrent} lock: once a second {@link #look} reads each live thread's park blocker
 * (a field read, no safepoint). From then on they are recorded with their stacks, so that
 * lock-contention has its waiters' site, until no thread has waited on a lock for {@code quietMillis}.
 * Contention shorter than the look's second can be missed entirely; the waits seen by the look are
 * counted, not attributed to a site. A saturated pool can switch recording on for a while: a woken
 * pool thread that waits to take its queue's lock back looks like a lock wait until its stack shows
 * the condition wait around it.
 */
final class LockParks {
    static final long LOOK_EVERY_MILLIS = 1_000;
    /** Threads looked at per look; beyond it the rest wait for recording to be switched on by another. */
    static final int MAX_THREADS = 10_000;

    private final Consumer<Boolean> apply;
    private final long quietMillis;
    private boolean on;
    private long lastLockWaitMillis;
    private long nextLookMillis;
    private long switchedOn;
    private long lockWaitsWithoutStack;
    private Thread[] threads = new Thread[64];

    /** {@code apply} switches the recording of the event on (true, with stacks) or off. */
    LockParks(Consumer<Boolean> apply, long quietMillis) {
        this.apply = apply;
        this.quietMillis = quietMillis;
    }

    /** At most once a {@link #LOOK_EVERY_MILLIS}: is a live thread parked on a lock now? */
    synchronized void look(long nowMillis) {
        if (nowMillis < nextLookMillis) {
            return;
        }
        nextLookMillis = nowMillis + LOOK_EVERY_MILLIS;
        String lock = parkedOnLock();
        if (lock != null) {
            seen(nowMillis, lock);
        }
    }

    /** The look found a thread parked on {@code lockClass}. */
    synchronized void seen(long nowMillis, String lockClass) {
        lastLockWaitMillis = nowMillis;
        if (!on) {
            lockWaitsWithoutStack++;
            if (switchTo(true)) {
                switchedOn++;
                AgentLog.get().debug("JFR: a thread is parked on a lock ({}); recording lock waits with their stacks", lockClass);
            }
        }
    }

    /** JFR recorded a thread's wait on a lock. */
    synchronized void lockWait(long nowMillis) {
        lastLockWaitMillis = nowMillis;
    }

    /** Recording off again once no thread has waited on a lock for the quiet time. */
    synchronized void tick(long nowMillis) {
        if (on && nowMillis - lastLockWaitMillis > quietMillis && switchTo(false)) {
            AgentLog.get().debug("JFR: no lock waits for {} s; parks no longer recorded", quietMillis / 1000);
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
            if (found == null && blocker != null && JfrFeature.isLock(blocker.getClass().getName())
                    && !JfrFeature.ignored(threads[i].getName())) {
                found = blocker.getClass().getName();
            }
            threads[i] = null; // no strong references to the application's threads between looks
        }
        return found;
    }

    private boolean switchTo(boolean record) {
        try {
            apply.accept(record);
            on = record;
            return true;
        } catch (RuntimeException e) {
            AgentLog.get().debug("JFR: could not switch jdk.ThreadPark " + (record ? "on" : "off"), e);
            return false;
        }
    }

    synchronized boolean on() {
        return on;
    }

    synchronized Map<String, Object> metrics() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("on", on);
        m.put("timesSwitchedOn", switchedOn);
        m.put("lockWaitsWithoutStack", lockWaitsWithoutStack);
        return m;
    }
}
