package io.sreagent.feature.deadlock;

import io.sreagent.core.Rule;
import io.sreagent.report.Finding;
import io.sreagent.report.Severity;
import io.sreagent.report.Site;
import io.sreagent.support.StackSites;

import java.lang.management.LockInfo;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code deadlock}: threads that wait for each other for ever, on monitors or on
 * java.util.concurrent locks. One finding per group of threads stuck together.
 */
public final class DeadlockRule implements Rule {
    private static final int STACK_DEPTH = 16;

    private final ThreadMXBean threads;
    private final StackSites sites;

    public DeadlockRule(ThreadMXBean threads, StackSites sites) {
        this.threads = threads;
        this.sites = sites;
    }

    @Override
    public void evaluate(long nowMillis, List<Finding> out) {
        long[] ids = threads.isSynchronizerUsageSupported()
                ? threads.findDeadlockedThreads() : threads.findMonitorDeadlockedThreads();
        if (ids == null) {
            return;
        }
        ThreadInfo[] infos = threads.getThreadInfo(ids, threads.isObjectMonitorUsageSupported(),
                threads.isSynchronizerUsageSupported());
        for (List<ThreadInfo> group : groups(infos)) {
            out.add(finding(group));
        }
    }

    /** Splits deadlocked threads into groups that wait on each other, each sorted by thread name. */
    private static List<List<ThreadInfo>> groups(ThreadInfo[] infos) {
        Map<Long, ThreadInfo> byId = new HashMap<>();
        for (ThreadInfo t : infos) {
            if (t != null) {
                byId.put(t.getThreadId(), t);
            }
        }
        Map<Long, Long> root = new HashMap<>();
        for (ThreadInfo t : byId.values()) {
            // Follow the chain of lock owners until it loops; the smallest id on the loop names the group.
            List<Long> seen = new ArrayList<>();
            long id = t.getThreadId();
            while (!seen.contains(id) && byId.containsKey(id)) {
                seen.add(id);
                id = byId.get(id).getLockOwnerId();
            }
            long loopStart = id;
            long min = seen.subList(Math.max(0, seen.indexOf(loopStart)), seen.size()).stream()
                    .min(Long::compare).orElse(t.getThreadId());
            root.put(t.getThreadId(), min);
        }
        Map<Long, List<ThreadInfo>> grouped = new TreeMap<>();
        root.forEach((id, r) -> grouped.computeIfAbsent(r, k -> new ArrayList<>()).add(byId.get(id)));
        List<List<ThreadInfo>> out = new ArrayList<>();
        for (List<ThreadInfo> g : grouped.values()) {
            g.sort(Comparator.comparing(ThreadInfo::getThreadName));
            out.add(g);
        }
        return out;
    }

    private Finding finding(List<ThreadInfo> group) {
        StringBuilder title = new StringBuilder().append(group.size()).append(" threads deadlocked: ");
        List<Map<String, Object>> described = new ArrayList<>();
        Site site = null;
        List<String> firstStack = List.of();
        for (ThreadInfo t : group) {
            Site s = sites.siteOf(t.getStackTrace());
            if (site == null && s != null) {
                site = s;
                firstStack = StackSites.frames(t.getStackTrace(), STACK_DEPTH);
            }
            if (described.size() > 0) {
                title.append(", ");
            }
            title.append('\'').append(t.getThreadName()).append("' waits for '").append(t.getLockOwnerName()).append('\'');
            described.add(describe(t, s));
        }
        Finding f = new Finding("deadlock", Severity.CRITICAL, title.toString())
                .subject(group.stream().map(ThreadInfo::getThreadName).sorted().collect(java.util.stream.Collectors.joining(", ")))
                .evidence("threadCount", group.size())
                .evidence("threads", described)
                .site(site)
                .stack(firstStack)
                .advice("Threads in a deadlock never recover: save a thread dump (jcmd <pid> Thread.print), then restart the instance to restore service.")
                .advice("Make every code path take these locks in one global order; the sites above take them in opposite orders.")
                .advice("Where a fixed order is impossible, use java.util.concurrent.locks.Lock.tryLock with a timeout and back off instead of waiting for ever.")
                .advice("Keep critical sections small: never call out (I/O, callbacks, other locks) while holding a lock.");
        return f;
    }

    private Map<String, Object> describe(ThreadInfo t, Site site) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", t.getThreadName());
        m.put("id", t.getThreadId());
        m.put("state", t.getThreadState().name());
        m.put("waitingFor", lockName(t.getLockInfo()));
        m.put("heldBy", t.getLockOwnerName());
        List<String> holds = new ArrayList<>();
        for (MonitorInfo mi : t.getLockedMonitors()) {
            holds.add(lockName(mi));
        }
        Arrays.stream(t.getLockedSynchronizers()).map(DeadlockRule::lockName).forEach(holds::add);
        m.put("holds", holds);
        if (site != null) {
            m.put("site", site.toMap());
        }
        m.put("stack", StackSites.frames(t.getStackTrace(), STACK_DEPTH));
        return m;
    }

    private static String lockName(LockInfo lock) {
        return lock == null ? null : lock.getClassName() + "@" + Integer.toHexString(lock.getIdentityHashCode());
    }
}
