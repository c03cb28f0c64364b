package io.sreagent.feature.threads;

import io.sreagent.config.CoreOptions;
import io.sreagent.config.Option;
import io.sreagent.core.AgentContext;
import io.sreagent.core.Feature;
import io.sreagent.core.Rule;
import io.sreagent.feature.threads.weaving.ExecutorWeaving;
import io.sreagent.feature.threads.weaving.ThreadStartWeaving;
import io.sreagent.feature.threads.weaving.TimerWeaving;
import io.sreagent.support.SampleWindow;
import io.sreagent.weave.Weaving;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Threads, pools and timers: where threads are started, which pools and timers are created and never
 * shut down, and the process's live thread count over time, for the thread-leak rule.
 */
public final class ThreadsFeature implements Feature {
    /** Groups and pool sites listed in the report's metrics; the rest are counted. */
    static final int METRICS_LISTED = 20;

    private final ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();
    private ThreadStarts starts;
    private ExecutorRegistry pools;
    private SampleWindow processThreads;
    private int threadsAtStart;
    private List<Rule> rules = List.of();

    @Override
    public String name() {
        return "threads";
    }

    @Override
    public List<Option<?>> options() {
        return ThreadsOptions.ALL;
    }

    @Override
    public List<Weaving> weavings() {
        return List.of(new ThreadStartWeaving(), new ExecutorWeaving(), new TimerWeaving());
    }

    @Override
    public void start(AgentContext context) {
        Duration window = context.config().get(ThreadsOptions.WINDOW);
        int capacity = SampleWindow.capacityFor(window, context.config().get(CoreOptions.EVALUATE_INTERVAL));
        starts = new ThreadStarts(context.sites(), capacity);
        pools = new ExecutorRegistry(context.sites(), capacity);
        processThreads = new SampleWindow(capacity);
        threadsAtStart = threadBean.getThreadCount();
        rules = List.of(new ThreadLeakRule(processThreads, this::suspects, context.config().get(ThreadsOptions.STEADY),
                context.config().get(ThreadsOptions.GROWTH), window, () -> threadsAtStart));
        new ThreadReceiver(starts, pools).install();
    }

    @Override
    public void sample(long nowMillis) {
        starts.sample(nowMillis);
        pools.sample(nowMillis);
        processThreads.add(nowMillis, threadBean.getThreadCount());
    }

    /** Application sites that hold threads: pools created there, and threads started there outside any pool. */
    List<ThreadLeakRule.Suspect> suspects() {
        List<ThreadLeakRule.Suspect> out = new ArrayList<>();
        for (ExecutorRegistry.SitePools p : pools.sites()) {
            out.add(new ThreadLeakRule.Suspect(p.key().site(), p.key().poolClass() + " instances created and not shut down at",
                    "pools", p.window(), p.openWindow(), p.createdWindow(), poolEvidence(p), p.stack()));
        }
        for (ThreadStarts.Group g : starts.groups()) {
            ThreadStarts.Key k = g.key();
            // Pool threads are judged through their pool; virtual threads are cheap and never judged by count.
            if (k.site() != null && !k.viaPool() && !k.virtual()) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("threadNamePattern", k.namePattern());
                e.put("threadsStarted", g.started());
                e.put("peakAlive", g.peak());
                out.add(new ThreadLeakRule.Suspect(k.site(), "threads \"" + k.namePattern() + "\" started at",
                        "threads", g.window(), g.window(), g.startedWindow(), e, g.stack()));
            }
        }
        return out;
    }

    private static Map<String, Object> poolEvidence(ExecutorRegistry.SitePools p) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("poolClass", p.key().poolClass());
        e.put("poolsCreated", p.created());
        e.put("poolsOpen", p.open());
        e.put("poolsShutDown", p.closed());
        return e;
    }

    @Override
    public List<Rule> rules() {
        return rules;
    }

    @Override
    public void addMetrics(Map<String, Object> metrics) {
        if (starts == null) {
            return;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("live", threadBean.getThreadCount());
        m.put("daemon", threadBean.getDaemonThreadCount());
        m.put("peak", threadBean.getPeakThreadCount());
        m.put("atAgentStart", threadsAtStart);
        long virtualStarted = 0;
        long virtualAlive = 0;
        List<ThreadStarts.Group> groups = new ArrayList<>(starts.groups());
        for (ThreadStarts.Group g : groups) {
            if (g.key().virtual()) {
                virtualStarted += g.started();
                virtualAlive += g.alive();
            }
        }
        m.put("virtualStarted", virtualStarted);
        m.put("virtualAlive", virtualAlive);
        groups.sort(Comparator.comparingInt(ThreadStarts.Group::alive).thenComparingLong(ThreadStarts.Group::started).reversed());
        List<Map<String, Object>> listed = new ArrayList<>();
        for (ThreadStarts.Group g : groups.subList(0, Math.min(METRICS_LISTED, groups.size()))) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("site", g.key().site() == null ? null : g.key().site().toString());
            s.put("namePattern", g.key().namePattern());
            s.put("virtual", g.key().virtual());
            s.put("inPool", g.key().viaPool());
            s.put("started", g.started());
            s.put("siteInferred", g.siteInferred());
            s.put("alive", g.alive());
            s.put("peak", g.peak());
            listed.add(s);
        }
        m.put("startSites", listed);
        m.put("startSitesNotListed", groups.size() - listed.size());
        List<ExecutorRegistry.SitePools> sites = new ArrayList<>(pools.sites());
        sites.sort(Comparator.comparingInt(ExecutorRegistry.SitePools::open).reversed());
        List<Map<String, Object>> poolList = new ArrayList<>();
        for (ExecutorRegistry.SitePools p : sites.subList(0, Math.min(METRICS_LISTED, sites.size()))) {
            Map<String, Object> s = poolEvidence(p);
            s.put("site", p.key().site().toString());
            s.put("threads", p.threads());
            s.put("peakOpen", p.peakOpen());
            poolList.add(s);
        }
        m.put("poolSites", poolList);
        m.put("poolSitesNotListed", sites.size() - poolList.size());
        m.put("dropped", starts.droppedStarts() + pools.dropped());
        metrics.put("threads", m);
    }

    @Override
    public void stop() {
        ThreadReceiver.uninstall();
    }
}
