package io.sreagent.jfr;

import io.sreagent.log.AgentLog;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Whether {@code jdk.ThreadPark} events carry stack traces. Idle pool threads park on conditions and
 * queues for longer than any useful threshold (about a hundred times a second in the test app under
 * load), and JFR cannot leave parks out by what was parked on, so each would have its stack walked
 * for an event the agent then drops. Parks are therefore recorded
 * without stacks until one on a {@code java.util.concurrent} lock is seen, then with stacks (so that
 * lock-contention has its waiters' site), until no thread has waited on a lock for {@code quietMillis}.
 * The waits seen without a stack (the first second or so of contention) are counted, not attributed.
 * A saturated pool can switch stacks on for a while: a woken pool thread that waits to take its
 * queue's lock back looks like a lock wait until its stack shows the condition wait around it.
 */
final class ParkStacks {
    private final Consumer<Boolean> apply;
    private final long quietMillis;
    private boolean on;
    private long lastLockWaitMillis;
    private long switchedOn;
    private long lockWaitsWithoutStack;

    /** {@code apply} switches the recording's stack traces for the event on (true) or off. */
    ParkStacks(Consumer<Boolean> apply, long quietMillis) {
        this.apply = apply;
        this.quietMillis = quietMillis;
    }

    /** A thread waited on a lock; {@code withStack}: the event carried its stack. */
    synchronized void lockWait(long nowMillis, boolean withStack, String lockClass) {
        lastLockWaitMillis = nowMillis;
        if (!withStack) {
            lockWaitsWithoutStack++;
        }
        if (!on && switchTo(true)) {
            switchedOn++;
            AgentLog.get().debug("JFR: a thread waited on a lock ({}); recording lock waits with their stacks", lockClass);
        }
    }

    /** Stacks off again once no thread has waited on a lock for the quiet time. */
    synchronized void tick(long nowMillis) {
        if (on && nowMillis - lastLockWaitMillis > quietMillis && switchTo(false)) {
            AgentLog.get().debug("JFR: no lock waits for {} s; recording parks without stacks again", quietMillis / 1000);
        }
    }

    private boolean switchTo(boolean stacks) {
        try {
            apply.accept(stacks);
            on = stacks;
            return true;
        } catch (RuntimeException e) {
            AgentLog.get().debug("JFR: could not switch jdk.ThreadPark stack traces " + (stacks ? "on" : "off"), e);
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
