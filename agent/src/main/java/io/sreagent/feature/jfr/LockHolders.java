package io.sreagent.feature.jfr;

import io.sreagent.report.Site;
import io.sreagent.support.StackSites;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * Who holds a contended lock right now: a thread dump with lock owners, read for a thread blocked on
 * the lock class and its owner's stack. For a monitor the JVM knows the exact frame that entered it.
 * Costs a thread dump, so it is only called when contention has already been found.
 */
public final class LockHolders {
    private final StackSites sites;

    public LockHolders(StackSites sites) {
        this.sites = sites;
    }

    /** The holder of a lock of this class that some thread waits for now, or null when nobody waits now. */
    public Holder find(String lockClass) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        ThreadInfo[] all = mx.dumpAllThreads(mx.isObjectMonitorUsageSupported(), mx.isSynchronizerUsageSupported());
        int waiting = 0;
        ThreadInfo example = null;
        for (ThreadInfo t : all) {
            LockInfo lock = t == null ? null : t.getLockInfo();
            if (lock != null && lock.getClassName().equals(lockClass) && t.getLockOwnerId() >= 0) {
                waiting++;
                if (example == null) {
                    example = t;
                }
            }
        }
        if (example == null) {
            return null;
        }
        for (ThreadInfo owner : all) {
            if (owner != null && owner.getThreadId() == example.getLockOwnerId()) {
                return holderOf(owner, example.getLockInfo(), waiting);
            }
        }
        return null;
    }

    private Holder holderOf(ThreadInfo owner, LockInfo lock, int waiting) {
        StackTraceElement[] stack = owner.getStackTrace();
        Site site = null;
        for (MonitorInfo m : owner.getLockedMonitors()) {
            if (m.getIdentityHashCode() == lock.getIdentityHashCode() && m.getLockedStackFrame() != null
                    && sites.isApplication(m.getLockedStackFrame().getClassName())) {
                site = Site.of(m.getLockedStackFrame());
            }
        }
        if (site == null) {
            site = sites.siteOf(stack);
        }
        List<String> frames = new ArrayList<>(StackSites.frames(stack, 12));
        return new Holder(owner.getThreadName(), site, frames, waiting);
    }

    /** The thread holding the lock, the application frame where it took it (or runs), and how many wait. */
    public record Holder(String thread, Site site, List<String> stack, int waitingNow) {
    }
}
