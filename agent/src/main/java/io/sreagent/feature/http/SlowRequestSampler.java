package io.sreagent.feature.http;

import io.sreagent.bootstrap.InFlightRequests;
import io.sreagent.bootstrap.InboundRequest;
import io.sreagent.report.Site;
import io.sreagent.support.StackSites;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Looks at the requests in flight, ten times a second, from the agent's own thread, and takes the
 * stack of each one that has run longer than the slow threshold ({@code http.slow.p95}): the request
 * keeps where it was (the first application frame from the top: the line sleeping, waiting, computing
 * or calling the database), and when it ends, its route counts that site once per sample, so a route's
 * slow time is attributed to the lines it was spent at. A healthy service pays only the look (a few
 * volatile reads per request thread); the walks, a short pause of the walked thread each, are bounded
 * per look.
 */
final class SlowRequestSampler implements Runnable {
    static final long PERIOD_MILLIS = 100;
    static final int STACKS_PER_LOOK = 16;
    static final int FRAMES_KEPT = 40;

    /** Where a slow request was when it was sampled. */
    record Sample(Site site, StackTraceElement[] frames) {
        List<String> stack() {
            return StackSites.frames(frames, FRAMES_KEPT);
        }
    }

    private final StackSites sites;
    private final long slowNanos;
    private final LongAdder taken = new LongAdder();
    private final LongAdder overBudget = new LongAdder();
    private final LongAdder internalErrors = new LongAdder();
    /** The sampler's own CPU time, so its cost is in every report (nil when no request is slow). */
    private final LongAdder cpuNanos = new LongAdder();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    SlowRequestSampler(StackSites sites, long slowNanos) {
        this.sites = sites;
        this.slowNanos = slowNanos;
    }

    @Override
    public void run() {
        long cpuBefore = threads.getCurrentThreadCpuTime();
        try {
            long now = System.nanoTime();
            int[] budget = {STACKS_PER_LOOK};
            InFlightRequests.forEach(r -> look(r, now, budget));
        } catch (Throwable t) {
            internalErrors.increment(); // never ends the schedule
        }
        if (cpuBefore >= 0) {
            cpuNanos.add(threads.getCurrentThreadCpuTime() - cpuBefore);
        }
    }

    private void look(InboundRequest r, long now, int[] budget) {
        long gen = r.generation();
        if (!r.active() || now - r.startNanos() < slowNanos) {
            return;
        }
        Thread owner = r.owner();
        if (owner == null || owner == Thread.currentThread()) {
            return;
        }
        if (budget[0] == 0) {
            overBudget.increment();
            return;
        }
        budget[0]--;
        StackTraceElement[] frames = owner.getStackTrace();
        taken.increment();
        r.sampled(gen, new Sample(sites.siteOf(frames), frames)); // dropped if the request ended meanwhile
    }

    Map<String, Object> metrics() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stacksTaken", taken.sum());
        m.put("skippedOverBudget", overBudget.sum());
        m.put("requestThreads", InFlightRequests.size());
        m.put("requestThreadsNotSampled", InFlightRequests.dropped());
        m.put("cpuMillis", Math.round(cpuNanos.sum() / 100_000.0) / 10.0);
        m.put("internalErrors", internalErrors.sum());
        return m;
    }
}
