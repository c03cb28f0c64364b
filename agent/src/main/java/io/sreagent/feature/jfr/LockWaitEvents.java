package io.sreagent.feature.jfr;

import io.sreagent.report.Site;
import io.sreagent.support.AgentLog;
import io.sreagent.support.StackSites;
import jdk.jfr.EventSettings;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingStream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static io.sreagent.feature.jfr.RecordedEvents.frames;
import static io.sreagent.feature.jfr.RecordedEvents.ignored;
import static io.sreagent.feature.jfr.RecordedEvents.name;

/**
 * Monitor waits ({@code jdk.JavaMonitorEnter}) and parks on a lock ({@code jdk.ThreadPark}) above
 * {@code jfr.lock.threshold}, into {@link LockWaits} for lock-contention. Each event's stacks are
 * switched by its own {@link WaitStacks}, which keeps its own state; the waits store is thread-safe.
 */
final class LockWaitEvents {
    private final LockWaits waits;
    private final StackSites sites;
    private final Duration threshold;
    private final long quietMillis;
    /** Whether parks are recorded (with stacks) at all; null until the stream is set up, or where the JVM lacks the event. */
    private volatile WaitStacks parkStacks;
    /** Whether monitor waits are recorded with stacks (they always are without); null as for parks. */
    private volatile WaitStacks monitorStacks;

    /** {@code window}: lock.window, which is also how long stacks stay on after the last wait. */
    LockWaitEvents(int ticksKept, StackSites sites, Duration threshold, Duration window) {
        this.waits = new LockWaits(ticksKept);
        this.sites = sites;
        this.threshold = threshold;
        this.quietMillis = window.toMillis();
    }

    LockWaits waits() {
        return waits;
    }

    /**
     * Monitor waits above the threshold are always recorded, without stacks until one is seen
     * ({@link WaitStacks}): on JDK 17 an event with stacks walks the stack of every thread that blocks
     * on a monitor, however short its wait.
     */
    void recordMonitorWaits(RecordingStream rs) {
        Consumer<Boolean> stacks = on -> {
            EventSettings monitorEnter = rs.enable(JfrSettings.MONITOR_ENTER).withThreshold(threshold);
            if (on) {
                monitorEnter.withStackTrace();
            } else {
                monitorEnter.withoutStackTrace();
            }
        };
        stacks.accept(false);
        monitorStacks = new WaitStacks(JfrSettings.MONITOR_ENTER, stacks, quietMillis);
    }

    /**
     * Parks are not recorded until a thread is seen parked on a lock ({@link LockParks}); the look runs
     * on the stream's thread after each flush, about once a second.
     */
    void recordLockParks(RecordingStream rs) {
        Consumer<Boolean> recorded = on -> {
            if (on) {
                rs.enable(JfrSettings.THREAD_PARK).withThreshold(threshold).withStackTrace();
            } else {
                rs.disable(JfrSettings.THREAD_PARK);
            }
        };
        recorded.accept(false);
        WaitStacks stacks = new WaitStacks(JfrSettings.THREAD_PARK, recorded, quietMillis);
        LockParks parks = new LockParks(stacks);
        rs.onFlush(() -> {
            try {
                parks.look(System.currentTimeMillis());
            } catch (Throwable t) {
                AgentLog.get().debug("JFR: the look for threads parked on a lock failed", t);
            }
        });
        parkStacks = stacks;
    }

    void onMonitorEnter(RecordedEvent e) {
        RecordedThread t = e.getThread();
        if (ignored(t)) {
            return;
        }
        RecordedClass monitor = e.getClass("monitorClass");
        String monitorName = monitor == null ? "?" : monitor.getName();
        if (e.getStackTrace() == null) {
            // Recorded before stacks went on: counted there, not attributed, so that every wait
            // lock-contention sums has its site (as parks seen before recording do).
            monitorStacks.seenWithoutStack(System.currentTimeMillis(), monitorName);
            return;
        }
        monitorStacks.seen(System.currentTimeMillis());
        RecordedThread owner = e.getThread("previousOwner");
        addWait("monitor", monitorName, e, frames(e.getStackTrace()), t, owner == null ? null : name(owner));
    }

    void onThreadPark(RecordedEvent e) {
        RecordedThread t = e.getThread();
        RecordedClass parked = e.getClass("parkedClass");
        // Only parks on a lock count: idle pool threads park on conditions and queues for long, by design.
        if (ignored(t) || parked == null || !isLock(parked.getName())) {
            return;
        }
        List<StackTraceElement> stack = frames(e.getStackTrace());
        if (endOfConditionWait(stack)) {
            return;
        }
        parkStacks.seen(System.currentTimeMillis());
        addWait("lock", parked.getName(), e, stack, t, null);
    }

    /**
     * A thread woken from a condition wait takes the lock back before it returns, and may wait for it:
     * an idle pool thread handed work does so on its queue's lock. That is the end of the condition
     * wait, not contention at an application site.
     */
    static boolean endOfConditionWait(List<StackTraceElement> stack) {
        for (int i = 0; i < Math.min(stack.size(), 8); i++) {
            if (stack.get(i).getClassName().endsWith("$ConditionObject")) {
                return true;
            }
        }
        return false;
    }

    static boolean isLock(String parkedClass) {
        return parkedClass.startsWith("java.util.concurrent.locks.") && !parkedClass.contains("ConditionObject")
                && !parkedClass.endsWith("LockSupport");
    }

    private void addWait(String kind, String lockClass, RecordedEvent e, List<StackTraceElement> stack, RecordedThread waiter, String previousOwner) {
        Site site = sites.siteOf(stack.toArray(new StackTraceElement[0]));
        if (site == null && !stack.isEmpty()) {
            site = Site.of(stack.get(0));
        }
        waits.add(kind, lockClass, e.getDuration().toNanos(), name(waiter), previousOwner, site, stack);
    }

    void tick(long nowMillis) {
        waits.closeTick(nowMillis);
        for (WaitStacks stacks : new WaitStacks[]{parkStacks, monitorStacks}) {
            if (stacks != null) {
                stacks.tick(nowMillis);
            }
        }
    }

    /** The lock waits' part of {@code metrics.jfr}: the last minute's most waited-on locks and each event's stacks switch. */
    void addMetrics(Map<String, Object> jfr, long nowMillis) {
        List<Map<String, Object>> locks = new ArrayList<>();
        for (LockWaits.Lock l : waits.since(LastMinute.start(nowMillis)).stream().limit(5).toList()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("kind", l.kind());
            one.put("class", l.lockClass());
            one.put("site", String.valueOf(l.site()));
            one.put("waits", l.waits());
            one.put("waitedMs", l.waitedMillis());
            locks.add(one);
        }
        jfr.put("lockWaitsLastMinute", locks);
        jfr.put("lockWaitsDropped", waits.dropped());
        WaitStacks parks = parkStacks;
        if (parks != null) {
            jfr.put("parkStacks", parks.metrics());
        }
        WaitStacks monitors = monitorStacks;
        if (monitors != null) {
            jfr.put("monitorStacks", monitors.metrics());
        }
    }
}
