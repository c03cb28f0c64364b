package io.sreagent.feature.jfr;

import io.sreagent.support.AgentLog;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Whether one lock-wait event is recorded with its stack. Recording the stack is what costs: on
 * JDK 17 a monitor-enter event with stacks walks and stores the stack of every thread that blocks on
 * a monitor, before it is known whether the wait will last the threshold. So the stack is recorded
 * only once a wait has been seen without one, and until no wait has been seen for
 * {@code quietMillis}: in a healthy service, never; under contention, from its first seconds, so
 * that lock-contention has its waiters' site. The waits seen before that are counted, not attributed.
 */
final class WaitStacks {
    private final String event;
    private final Consumer<Boolean> apply;
    private final long quietMillis;
    private boolean on;
    private long lastWaitMillis;
    private long switchedOn;
    private long waitsWithoutStack;

    /** {@code apply} switches the event's stacks on (true) or off. */
    WaitStacks(String event, Consumer<Boolean> apply, long quietMillis) {
        this.event = event;
        this.apply = apply;
        this.quietMillis = quietMillis;
    }

    /** A lock wait was seen without its stack ({@code lock}: the lock's class): stacks on. */
    synchronized void seenWithoutStack(long nowMillis, String lock) {
        lastWaitMillis = nowMillis;
        waitsWithoutStack++;
        if (!on && switchTo(true)) {
            switchedOn++;
            AgentLog.get().debug("JFR: a thread waits on a lock ({}); recording {} with stacks", lock, event);
        }
    }

    /** A lock wait was seen while stacks are on. */
    synchronized void seen(long nowMillis) {
        lastWaitMillis = nowMillis;
    }

    /** Stacks off again once no thread has waited on a lock for the quiet time. */
    synchronized void tick(long nowMillis) {
        if (on && nowMillis - lastWaitMillis > quietMillis && switchTo(false)) {
            AgentLog.get().debug("JFR: no lock waits for {} s; {} without stacks", quietMillis / 1000, event);
        }
    }

    private boolean switchTo(boolean record) {
        try {
            apply.accept(record);
            on = record;
            return true;
        } catch (RuntimeException e) {
            AgentLog.get().debug("JFR: could not switch the stacks of " + event + (record ? " on" : " off"), e);
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
        m.put("lockWaitsWithoutStack", waitsWithoutStack);
        return m;
    }
}
