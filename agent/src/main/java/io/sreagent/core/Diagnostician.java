package io.sreagent.core;

import io.sreagent.report.Finding;
import io.sreagent.report.Report;
import io.sreagent.report.Trigger;
import io.sreagent.support.AgentLog;
import io.sreagent.support.LatencyRecorder;
import io.sreagent.weave.Weaver;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Samples the features, runs their rules and assembles reports. Thread-safe. */
public final class Diagnostician {
    private final List<Feature> features;
    private final JvmMetrics jvmMetrics = new JvmMetrics();
    private final Map<String, Object> jvmInfo;
    private final Map<String, Object> agentInfo;
    private final BooleanSupplier woven;
    private final Weaver weaver;
    /** The agent's own findings, about what it could not watch. */
    private final List<Rule> agentRules;
    private final LatencyRecorder reportBuildMicros = new LatencyRecorder();
    private final FindingLog log;
    private long evaluations;
    private long ruleFailures;

    /** {@code woven}: whether the instrumentation is installed yet (reports can be asked for before). */
    public Diagnostician(List<Feature> features, Map<String, Object> jvmInfo, Map<String, Object> agentInfo,
                         BooleanSupplier woven, Weaver weaver, Duration keepRecovered) {
        this.features = features;
        this.jvmInfo = jvmInfo;
        this.agentInfo = agentInfo;
        this.woven = woven;
        this.weaver = weaver;
        this.agentRules = List.of(new WeavingFailedRule(weaver));
        this.log = new FindingLog(keepRecovered.toMillis());
    }

    /** One evaluation tick: every feature samples, then every rule runs; returns the active findings. */
    public synchronized List<Finding> sampleAndEvaluate(long nowMillis) {
        jvmMetrics.sample();
        for (Feature f : features) {
            try {
                f.sample(nowMillis);
            } catch (Throwable t) {
                ruleFailures++;
                AgentLog.get().debug("feature {} failed to sample", f.name(), t);
            }
        }
        evaluations++;
        return log.observe(nowMillis, evaluate(nowMillis));
    }

    private List<Finding> evaluate(long nowMillis) {
        List<Finding> findings = new ArrayList<>();
        for (Feature f : features) {
            f.rules().forEach(rule -> evaluate(rule, nowMillis, findings));
        }
        agentRules.forEach(rule -> evaluate(rule, nowMillis, findings));
        return findings;
    }

    private void evaluate(Rule rule, long nowMillis, List<Finding> findings) {
        try {
            rule.evaluate(nowMillis, findings);
        } catch (Throwable t) {
            ruleFailures++;
            AgentLog.get().debug("rule {} failed", rule.getClass().getSimpleName(), t);
        }
    }

    /** Per weaving: classes woven and failed, the last error and the first failed classes. */
    private Map<String, Object> weavings() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Weaver.Status s : weaver.status()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("woven", s.woven());
            one.put("failures", s.failures());
            if (s.failures() > 0) {
                one.put("failedClasses", s.failedTargets());
                one.put("lastError", s.lastError());
            }
            m.put(s.name(), one);
        }
        return m;
    }

    public Report report(Trigger trigger) {
        return report(trigger, false);
    }

    /**
     * A report of the active findings and the recently recovered ones. {@code justEvaluated}: the rules
     * ran a moment ago (a threshold report); otherwise they run now.
     */
    public synchronized Report report(Trigger trigger, boolean justEvaluated) {
        long start = System.nanoTime();
        long now = System.currentTimeMillis();
        if (!justEvaluated) {
            log.observe(now, evaluate(now));
        }
        List<Finding> found = log.forReport(now, trigger.kind() == Trigger.Kind.PERIODIC);
        Map<String, Object> jvm = new LinkedHashMap<>(jvmInfo);
        jvm.put("uptimeMs", ManagementFactory.getRuntimeMXBean().getUptime());
        Map<String, Object> metrics = new LinkedHashMap<>();
        jvmMetrics.addTo(metrics);
        for (Feature f : features) {
            try {
                f.addMetrics(metrics);
            } catch (Throwable t) {
                ruleFailures++;
                AgentLog.get().debug("feature {} failed to add metrics", f.name(), t);
            }
        }
        Map<String, Object> self = new LinkedHashMap<>();
        self.put("woven", woven.getAsBoolean());
        self.put("weavings", weavings());
        self.put("evaluations", evaluations);
        self.put("internalErrors", ruleFailures);
        self.put("findingLog", log.metrics());
        self.put("reportBuild", reportBuildMicros.summary("Micros"));
        metrics.put("agent", self);
        Report report = new Report(Instant.ofEpochMilli(now), trigger, jvm, agentInfo, found, metrics);
        reportBuildMicros.record((System.nanoTime() - start) / 1000);
        return report;
    }
}
