package io.sreagent.feature.memory;

import io.sreagent.config.CoreOptions;
import io.sreagent.config.Option;
import io.sreagent.core.AgentContext;
import io.sreagent.core.Feature;
import io.sreagent.core.JvmMetrics;
import io.sreagent.core.Rule;
import io.sreagent.support.AgentLog;
import io.sreagent.support.SampleWindow;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Heap used after GC (the same GC notifications as the heap feature), every collection for the fast
 * memory-growth verdicts and one reading per evaluation for the slow one. While the heap grows, the
 * feature gathers what the finding names: two class histograms half the judged window apart name the
 * classes that grew (each costs a full GC, so at most one per half window, never with
 * {@code memory.histogram=off}), and JFR's old-object samples name where the survivors were allocated
 * ({@code memory.site}); the sampling starts when the after-GC points lean upwards and stops when
 * growth has been gone for two recent windows.
 */
public final class MemoryFeature implements Feature {
    static final int GROWN_CLASSES = 10;
    /** Survivors sampled for less than this are too few to name a site. */
    static final long SURVIVORS_MIN_MILLIS = 10_000;
    /** While growth lasts, the site is looked up again this often. */
    static final long SITE_REFRESH_MILLIS = 60_000;

    private HeapAfterGc.Reader afterGc;
    private SampleWindow usedMb;
    private MemoryGrowthRule rule;
    private Duration window;
    private Duration recent;
    private boolean histograms;
    private boolean siteSampling;
    private ClassHistogram baseline;
    private volatile MemoryGrowthRule.ClassGrowth growth;
    private long histogramsTaken;
    private SurvivorSites survivors;
    private volatile SurvivorSites.Found survivorSite;
    private long siteFoundAtMillis;
    private long lastSuspectMillis;
    private long siteLookups;

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public List<Option<?>> options() {
        return MemoryOptions.MEMORY;
    }

    @Override
    public void start(AgentContext context) {
        window = context.config().get(MemoryOptions.MEMORY_WINDOW);
        recent = context.config().get(CoreOptions.WINDOW);
        histograms = context.config().get(MemoryOptions.MEMORY_HISTOGRAM);
        siteSampling = context.config().get(MemoryOptions.MEMORY_SITE);
        usedMb = new SampleWindow(SampleWindow.capacityFor(window, context.config().get(CoreOptions.EVALUATE_INTERVAL)));
        afterGc = HeapAfterGc.open();
        survivors = new SurvivorSites(context.sites());
        rule = new MemoryGrowthRule(usedMb, afterGc.points(), context.config().get(MemoryOptions.MEMORY_GROWTH), window, recent,
                JvmMetrics.maxHeap(),
                java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime(), () -> growth, () -> survivorSite);
        growth = histograms ? null : new MemoryGrowthRule.ClassGrowth(List.of(), 0, "off (memory.histogram=off)");
        survivorSite = siteSampling ? null : SurvivorSites.Found.none("off (memory.site=off)");
    }

    @Override
    public void sample(long nowMillis) {
        long used = afterGc.take();
        if (used >= 0) {
            usedMb.add(nowMillis, used / (double) (1 << 20));
        }
        if (siteSampling) {
            followSurvivors(nowMillis);
        }
        MemoryGrowthRule.FastVerdict fast = rule.fastVerdict(nowMillis);
        boolean slow = !Double.isNaN(rule.significantGrowthMb(nowMillis));
        if (fast == null && !slow) {
            return;
        }
        if (histograms) {
            compareHistograms(nowMillis, fast != null ? fast.window() : window);
        }
        if (siteSampling) {
            findSite(nowMillis);
        }
    }

    /** Survivors are sampled from the first upward lean until growth has been gone for two recent windows. */
    private void followSurvivors(long nowMillis) {
        if (rule.suspect(nowMillis)) {
            lastSuspectMillis = nowMillis;
            if (!survivors.running()) {
                try {
                    if (!survivors.start(nowMillis)) {
                        stopSiteSampling(SurvivorSites.unavailable());
                    }
                } catch (Exception e) {
                    stopSiteSampling("not available: " + e);
                }
            }
        } else if (survivors.running() && nowMillis - lastSuspectMillis > 2 * recent.toMillis()) {
            survivors.stop();
            survivorSite = null;
        }
    }

    private void findSite(long nowMillis) {
        if (!survivors.running() || nowMillis - survivors.startedAtMillis() < SURVIVORS_MIN_MILLIS
                || (survivorSite != null && survivorSite.site() != null && nowMillis - siteFoundAtMillis < SITE_REFRESH_MILLIS)) {
            return;
        }
        try {
            MemoryGrowthRule.ClassGrowth g = growth;
            Set<String> grown = g == null ? Set.of() : g.classes().stream().map(ClassHistogram.Growth::className).collect(Collectors.toSet());
            survivorSite = survivors.find(grown);
            siteFoundAtMillis = nowMillis;
            siteLookups++;
        } catch (Exception e) {
            stopSiteSampling("not available: " + e);
        }
    }

    private void stopSiteSampling(String why) {
        siteSampling = false;
        survivors.stop();
        survivorSite = SurvivorSites.Found.none(why);
        AgentLog.get().info("surviving-object sampling is not available ({}); memory-growth will not name a site", why);
    }

    /** First sight of growth takes a baseline; half the judged window later the next one is compared with it. */
    private void compareHistograms(long nowMillis, Duration judged) {
        if (baseline != null && nowMillis - baseline.takenAtMillis() < judged.toMillis() / 2) {
            return;
        }
        try {
            ClassHistogram now = ClassHistogram.take(nowMillis);
            histogramsTaken++;
            if (baseline == null || nowMillis - baseline.takenAtMillis() > 2 * window.toMillis()) {
                growth = new MemoryGrowthRule.ClassGrowth(List.of(), 0,
                        "baseline taken; the growing classes follow in " + judged.toSeconds() / 2 + " s");
            } else {
                growth = new MemoryGrowthRule.ClassGrowth(now.grownSince(baseline, GROWN_CLASSES),
                        (nowMillis - baseline.takenAtMillis()) / 1000, null);
            }
            baseline = now;
        } catch (Exception e) {
            histograms = false;
            growth = new MemoryGrowthRule.ClassGrowth(List.of(), 0, "not available: " + e);
            AgentLog.get().info("class histograms are not available ({}); memory-growth will not name classes", e.toString());
        }
    }

    @Override
    public List<Rule> rules() {
        return List.of(rule);
    }

    @Override
    public void addMetrics(Map<String, Object> metrics) {
        long now = System.currentTimeMillis();
        SampleWindow.Samples s = usedMb.since(now - window.toMillis());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("windowSeconds", window.toSeconds());
        m.put("samples", s.count());
        if (s.count() >= 2) {
            m.put("usedAfterGcMbFirst", Math.round(s.first()));
            m.put("usedAfterGcMbNow", Math.round(s.last()));
            m.put("slopeMbPerMinute", Math.round(s.slopePerMinute() * 10) / 10.0);
            m.put("correlation", Math.round(s.correlation() * 100) / 100.0);
        }
        SampleWindow.Samples p = afterGc.points().since(now - recent.toMillis());
        m.put("recentWindowSeconds", recent.toSeconds());
        m.put("recentPoints", p.count());
        if (p.count() >= 2) {
            m.put("recentSlopeMbPerMinute", Math.round(p.slopePerMinute() * 10) / 10.0);
            m.put("recentCorrelation", Math.round(p.correlation() * 100) / 100.0);
        }
        m.put("classHistogramsTaken", histogramsTaken);
        m.put("survivorSampling", survivors.running());
        m.put("siteLookups", siteLookups);
        m.put("samplesDropped", usedMb.dropped());
        m.put("pointsDropped", afterGc.points().dropped());
        metrics.put("memoryGrowth", m);
    }

    @Override
    public void stop() {
        if (survivors != null) {
            survivors.stop();
        }
        if (afterGc != null) {
            afterGc.close();
        }
    }
}
