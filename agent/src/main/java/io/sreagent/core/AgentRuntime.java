package io.sreagent.core;

import io.sreagent.config.Config;
import io.sreagent.config.CoreOptions;
import io.sreagent.report.Finding;
import io.sreagent.report.Format;
import io.sreagent.report.ReportFiles;
import io.sreagent.report.ThresholdTrigger;
import io.sreagent.report.Trigger;
import io.sreagent.support.AgentLog;
import io.sreagent.support.ApplicationCode;
import io.sreagent.support.StackSites;
import io.sreagent.weave.Weaver;
import io.sreagent.weave.Weaving;

import java.lang.instrument.Instrumentation;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The running agent: starts the enabled features on the agent's own thread, evaluates them on a
 * schedule, and writes reports when asked, periodically, on a threshold and at shutdown.
 */
public final class AgentRuntime {
    /** Set in the application JVM so {@code sre-agent list} can tell, without loading anything, that an agent runs. */
    public static final String STATE_PROPERTY = "io.sreagent.state";
    /** Set only when an attached agent refused to start: why (read by {@code sre-agent attach}). */
    public static final String REFUSED_PROPERTY = "io.sreagent.refused";
    private static final int APPLICATION_PACKAGES_LISTED = 20;

    private final Config config;
    private final Instrumentation instrumentation;
    private final String loadedBy;
    private final Instant startedAt = Instant.now();
    private final ReportFiles files;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(AgentThreads.factory("scheduler"));
    private final List<Feature> available;
    private final List<Feature> features = new ArrayList<>();
    private final Endpoint endpoint;
    private final Weaver weaver = new Weaver();
    private volatile Diagnostician diagnostician;
    private volatile boolean woven;
    private ThresholdTrigger threshold;
    private StackSites sites;

    /**
     * Where on-demand reports are served from (the JMX MBean): opened once the features run, before the
     * weaving, closed at shutdown. The runtime knows it only through this, so it depends on no transport.
     */
    public interface Endpoint {
        void open(AgentRuntime runtime) throws Exception;

        void close();
    }

    /** {@code features}: every feature there is; those switched off by {@code instrument.<name>} are not started. */
    public AgentRuntime(Config config, Instrumentation instrumentation, String loadedBy, List<Feature> features,
                        Endpoint endpoint) {
        this.config = config;
        this.instrumentation = instrumentation;
        this.loadedBy = loadedBy;
        this.available = features;
        this.endpoint = endpoint;
        this.files = new ReportFiles(config.reportDir(), config.get(CoreOptions.REPORT_FORMATS), config.get(CoreOptions.REPORT_KEEP));
    }

    /** Returns at once: the work happens on the agent's scheduler thread, off the application's start-up path. */
    public void start() {
        System.setProperty(STATE_PROPERTY, loadedBy);
        System.clearProperty(REFUSED_PROPERTY);
        try {
            Runtime.getRuntime().addShutdownHook(AgentThreads.factory("shutdown").newThread(this::onShutdown));
        } catch (IllegalStateException shuttingDown) {
            return; // a short-lived JVM already exiting: nothing to watch
        }
        scheduler.execute(this::startOnAgentThread);
    }

    private void startOnAgentThread() {
        try {
            sites = new StackSites(config.get(CoreOptions.SITE_INCLUDE), config.get(CoreOptions.SITE_SKIP), ApplicationCode.ofThisJvm());
            AgentContext context = new AgentContext(config, instrumentation, sites);
            for (Feature f : available) {
                if (!config.featureEnabled(f.name())) {
                    AgentLog.get().info("feature {} is off", f.name());
                    continue;
                }
                try {
                    f.start(context);
                    features.add(f);
                } catch (Throwable t) {
                    AgentLog.get().warn("feature {} could not start and is off: {}", f.name(), t.toString());
                }
            }
            Duration reportInterval = config.durationOrNull(CoreOptions.REPORT_INTERVAL);
            // A recovered finding stays listed for one report interval (5 minutes when there are no periodic reports).
            Duration keepRecovered = reportInterval != null ? reportInterval : Duration.ofMinutes(5);
            diagnostician = new Diagnostician(List.copyOf(features), jvmInfo(), agentInfo(), this::woven, weaver, keepRecovered);
            endpoint.open(this);
            long every = config.get(CoreOptions.EVALUATE_INTERVAL).toMillis();
            if (config.get(CoreOptions.TRIGGER_THRESHOLD)) {
                threshold = new ThresholdTrigger(config.get(CoreOptions.TRIGGER_COOLDOWN));
            }
            scheduler.scheduleWithFixedDelay(this::evaluate, every, every, TimeUnit.MILLISECONDS);
            if (reportInterval != null) {
                scheduler.scheduleWithFixedDelay(() -> writeReport(new Trigger(Trigger.Kind.PERIODIC, "every " + reportInterval.toSeconds() + " s"), false),
                        reportInterval.toMillis(), reportInterval.toMillis(), TimeUnit.MILLISECONDS);
            }
            // Last: weaving can take seconds on a busy machine, and reports over JMX need not wait for it.
            weave();
            AgentLog.get().info("sre-agent {} started ({}); features: {}; reports in {}", version(), loadedBy,
                    features.stream().map(Feature::name).toList(), files.dir());
        } catch (Throwable t) {
            AgentLog.get().error("sre-agent could not start and stays out of the way: {}", t.toString());
        }
    }

    private void weave() {
        Map<String, List<Weaving>> byFeature = new LinkedHashMap<>();
        features.forEach(f -> byFeature.put(f.name(), f.weavings()));
        try {
            weaver.install(instrumentation, byFeature);
            woven = true;
        } catch (Throwable t) {
            AgentLog.get().warn("could not install the instrumentation; woven features see nothing: {}", t.toString());
        }
    }

    private void evaluate() {
        try {
            long now = System.currentTimeMillis();
            List<Finding> findings = diagnostician.sampleAndEvaluate(now);
            String reason = threshold == null ? null : threshold.onEvaluation(findings, now);
            if (reason != null) {
                AgentLog.get().warn("{}: writing a report", reason);
                writeReport(new Trigger(Trigger.Kind.THRESHOLD, reason), true);
            }
        } catch (Throwable t) {
            AgentLog.get().debug("evaluation failed", t);
        }
    }

    /**
     * Writes a report file; returns the first path written, or null when writing failed (logged).
     * {@code justEvaluated}: the rules ran a moment ago, so the report need not run them again.
     */
    public Path writeReport(Trigger trigger, boolean justEvaluated) {
        try {
            List<Path> written = files.write(diagnostician.report(trigger, justEvaluated), ProcessHandle.current().pid());
            AgentLog.get().info("{} report written: {}", trigger.kind().label(), written.get(0));
            if (trigger.kind() == Trigger.Kind.THRESHOLD) {
                writeBeside(written.get(0));
            }
            return written.get(0);
        } catch (Throwable t) {
            AgentLog.get().warn("could not write the {} report to {}: {}", trigger.kind().label(), files.dir(), t.toString());
            return null;
        }
    }

    private void writeBeside(Path report) {
        for (Feature f : features) {
            try {
                f.writeBesideThresholdReport(extension -> files.companion(report, extension));
            } catch (Throwable t) {
                AgentLog.get().warn("feature {} could not write its files next to {}: {}", f.name(), report, t.toString());
            }
        }
    }

    private void onShutdown() {
        scheduler.shutdownNow();
        if (diagnostician != null && config.get(CoreOptions.REPORT_ON_SHUTDOWN)) {
            writeReport(new Trigger(Trigger.Kind.SHUTDOWN, "JVM shutting down"), false);
        }
        features.forEach(f -> {
            try {
                f.stop();
            } catch (Throwable ignored) {
                // The JVM is exiting: nothing left to protect.
            }
        });
        endpoint.close();
    }

    private Map<String, Object> jvmInfo() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pid", ProcessHandle.current().pid());
        m.put("javaVersion", System.getProperty("java.version"));
        m.put("javaVendor", System.getProperty("java.vendor"));
        m.put("vm", System.getProperty("java.vm.name"));
        m.put("mainClass", mainClass());
        m.put("startedAt", Format.instant(Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime())));
        m.put("attachedAt", Format.instant(startedAt));
        m.put("loadedBy", loadedBy);
        return m;
    }

    /** The main class or jar, without the program's arguments (they may hold secrets). */
    static String mainClass() {
        String command = System.getProperty("sun.java.command", "");
        String first = command.isBlank() ? "unknown" : command.trim().split("\\s+")[0];
        return first;
    }

    private Map<String, Object> agentInfo() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", version());
        m.put("reportDir", files.dir().toString());
        m.put("features", features.stream().map(Feature::name).toList());
        m.put("options", config.explicitSources());
        m.put("applicationPackages", sites.applicationPackages(APPLICATION_PACKAGES_LISTED));
        return m;
    }

    public static String version() {
        String v = AgentRuntime.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    public Diagnostician diagnostician() {
        return diagnostician;
    }

    public ReportFiles files() {
        return files;
    }

    /** Whether the instrumentation is installed (the MBean is up before it). */
    public boolean woven() {
        return woven;
    }

    /** "key=value (source), ..." of the options set explicitly. */
    public String explicitOptions() {
        return config.explicitSources().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(java.util.stream.Collectors.joining(", "));
    }

    public String loadedBy() {
        return loadedBy;
    }
}
