package io.sreagent.feature.jfr;

import io.sreagent.config.Config;
import io.sreagent.config.CoreOptions;
import io.sreagent.config.Option;
import io.sreagent.core.AgentContext;
import io.sreagent.core.AgentRuntime;
import io.sreagent.core.AgentThreads;
import io.sreagent.core.Feature;
import io.sreagent.core.Rule;
import io.sreagent.support.AgentLog;
import io.sreagent.support.StackSites;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * JDK Flight Recorder event streaming inside the JVM (see {@link JfrSettings} for what is recorded and
 * why it is cheap): CPU load of the JVM, the machine and each thread, execution samples, GC pauses,
 * allocation samples, long monitor and lock waits, exception counts. Feeds the high-cpu, hot-method,
 * gc-pressure and lock-contention rules, and dumps the recent recording next to threshold reports.
 * The agent's own threads (and JFR's) are left out of every figure. This class wires the stream;
 * each signal's handlers, state and part of {@code metrics.jfr} are its own class's.
 */
public final class JfrFeature implements Feature {
    private final Map<String, String> missing = new ConcurrentHashMap<>();
    private final List<String> enabled = new CopyOnWriteArrayList<>();
    private volatile RecordingStream stream;
    private CpuLoad cpuLoad;
    private ExecutionSamples executionSamples;
    private GcPauses gcPauses;
    private AllocationSamples allocationSamples;
    private ExceptionCounts exceptionCounts;
    private LockWaitEvents lockWaitEvents;
    private List<Rule> rules = List.of();
    private boolean dumpOnThreshold;
    private Duration samplePeriod;
    private int stackDepth;
    private volatile String stackDepthApplied = "not yet set";
    private volatile long setupMillis;
    private final AtomicLong dumpsWritten = new AtomicLong();

    @Override
    public String name() {
        return "jfr";
    }

    @Override
    public List<Option<?>> options() {
        return JfrOptions.ALL;
    }

    @Override
    public void start(AgentContext context) throws Exception {
        if (!FlightRecorder.isAvailable()) {
            throw new IllegalStateException("JDK Flight Recorder is not available in this JVM");
        }
        Config config = context.config();
        StackSites sites = context.sites();
        Duration every = config.get(CoreOptions.EVALUATE_INTERVAL);
        Duration cpuWindow = config.get(JfrOptions.CPU_WINDOW);
        Duration hotWindow = config.get(JfrOptions.HOT_WINDOW);
        Duration gcWindow = config.get(JfrOptions.GC_WINDOW);
        Duration lockWindow = config.get(JfrOptions.LOCK_WINDOW);
        samplePeriod = config.get(JfrOptions.SAMPLE_PERIOD);
        stackDepth = config.get(JfrOptions.STACK_DEPTH);
        Duration longest = max(max(cpuWindow, hotWindow), max(gcWindow, lockWindow));
        int ticks = (int) Math.min(10_000, longest.toMillis() / Math.max(1, every.toMillis()) + 2);
        cpuLoad = new CpuLoad(cpuWindow);
        executionSamples = new ExecutionSamples(ticks, sites);
        gcPauses = new GcPauses(ticks, System.currentTimeMillis());
        allocationSamples = new AllocationSamples();
        exceptionCounts = new ExceptionCounts();
        lockWaitEvents = new LockWaitEvents(ticks, sites, config.get(JfrOptions.LOCK_WAIT_THRESHOLD), lockWindow);
        dumpOnThreshold = config.get(JfrOptions.DUMP);
        warnIfHotMethodCannotFill(hotWindow, config.get(JfrOptions.HOT_CORES));
        ExecutionProfile profile = executionSamples.profile();
        LockHolders holders = new LockHolders(sites);
        rules = List.of(
                new HighCpuRule(cpuLoad.jvmPercent(), cpuLoad.machinePercent(), cpuLoad.threads(), profile, config.get(JfrOptions.CPU_THRESHOLD), cpuWindow),
                new HotMethodRule(profile, hotWindow, config.get(JfrOptions.HOT_SHARE), config.get(JfrOptions.HOT_CORES), samplePeriod.toMillis()),
                new GcPressureRule(gcPauses.pausePercent(), config.get(JfrOptions.GC_THRESHOLD), gcWindow),
                new LockContentionRule(lockWaitEvents.waits(), lockWindow, config.get(JfrOptions.LOCK_THRESHOLD), holders::find));

        Duration maxAge = config.get(JfrOptions.DUMP_AGE);
        long maxBytes = config.get(JfrOptions.DUMP_SIZE) * (1L << 20);
        // Setting JFR up takes a CPU-second or so: it runs on the stream's own agent thread, so the other
        // features' start (and weaving) do not wait for it, and at launch it waits jfr.delay so it does not
        // compete with the application's own start for CPU. That thread is an agent thread, so the
        // stream's own work is left out like the rest of ours.
        long delayMillis = "premain".equals(System.getProperty(AgentRuntime.STATE_PROPERTY))
                ? config.get(JfrOptions.DELAY).toMillis() : 0;
        AgentThreads.factory("jfr").newThread(() -> {
            try {
                Thread.sleep(delayMillis);
                openStream(maxAge, maxBytes);
                stream.start();
            } catch (Throwable t) {
                AgentLog.get().warn("JFR streaming stopped; high-cpu, hot-method, gc-pressure and lock-contention see nothing: {}", t.toString());
            }
        }).start();
    }

    /** A short hot.window with sparse samples leaves hot-method unable to warn: say so once, at start. */
    private void warnIfHotMethodCannotFill(Duration hotWindow, double hotCores) {
        long samples = (long) (hotCores * hotWindow.toMillis() / samplePeriod.toMillis());
        if (samples < HotMethodRule.MIN_SAMPLES) {
            AgentLog.get().warn("{}={} with {}={}: a method using {} cores ({}) gives about {} samples in the window and hot-method needs {}; "
                            + "set a longer {} or a shorter {}", JfrOptions.HOT_WINDOW, hotWindow.toMillis() + "ms", JfrOptions.SAMPLE_PERIOD, samplePeriod.toMillis() + "ms",
                    hotCores, JfrOptions.HOT_CORES, samples, HotMethodRule.MIN_SAMPLES, JfrOptions.HOT_WINDOW, JfrOptions.SAMPLE_PERIOD);
        }
    }

    private void openStream(Duration maxAge, long maxBytes) throws Exception {
        long t0 = System.nanoTime();
        stackDepthApplied = JfrStackDepth.apply(stackDepth);
        Set<String> available = FlightRecorder.getFlightRecorder().getEventTypes().stream()
                .map(EventType::getName).collect(Collectors.toSet());
        RecordingStream rs = new RecordingStream();
        rs.setOrdered(false);
        rs.setReuse(true);
        rs.setMaxAge(maxAge);
        rs.setMaxSize(maxBytes);
        stream = rs;
        enable(available, JfrSettings.CPU_LOAD, "JVM and machine CPU load (high-cpu)",
                s -> rs.enable(s).withPeriod(JfrSettings.CPU_LOAD_PERIOD), cpuLoad::onCpuLoad);
        enable(available, JfrSettings.THREAD_CPU_LOAD, "CPU load per thread",
                s -> rs.enable(s).withPeriod(JfrSettings.THREAD_CPU_LOAD_PERIOD), cpuLoad::onThreadCpuLoad);
        enable(available, JfrSettings.EXECUTION_SAMPLE, "execution samples (hot-method)",
                s -> rs.enable(s).withPeriod(samplePeriod), executionSamples::onExecutionSample);
        enable(available, JfrSettings.GARBAGE_COLLECTION, "GC pauses (gc-pressure)",
                s -> rs.enable(s), gcPauses::onGarbageCollection);
        enable(available, JfrSettings.ALLOCATION_SAMPLE, "allocation samples",
                s -> rs.enable(s).with("throttle", JfrSettings.ALLOCATION_THROTTLE).withoutStackTrace(), allocationSamples::onAllocationSample);
        enable(available, JfrSettings.MONITOR_ENTER, "monitor waits (lock-contention)",
                s -> lockWaitEvents.recordMonitorWaits(rs), lockWaitEvents::onMonitorEnter);
        enable(available, JfrSettings.THREAD_PARK, "lock waits (lock-contention)",
                s -> lockWaitEvents.recordLockParks(rs), lockWaitEvents::onThreadPark);
        enable(available, JfrSettings.EXCEPTION_STATISTICS, "exception counts",
                s -> rs.enable(s).withPeriod(JfrSettings.EXCEPTION_STATISTICS_PERIOD), exceptionCounts::onExceptionStatistics);
        rs.onError(t -> AgentLog.get().debug("JFR stream handler failed", t));
        setupMillis = (System.nanoTime() - t0) / 1_000_000;
        AgentLog.get().info("JFR streaming {} events (set up in {} ms){}", enabled.size(), setupMillis,
                missing.isEmpty() ? "" : "; not in this JVM: " + missing.keySet());
    }

    /** Enables one event if this JVM has it; otherwise notes what is lost, once, and carries on. */
    void enable(Set<String> available, String event, String feeds, Consumer<String> settings, Consumer<RecordedEvent> handler) {
        if (!available.contains(event)) {
            missing.put(event, feeds + " not available on Java " + Runtime.version().feature());
            AgentLog.get().info("JFR event {} does not exist in this JVM; {} not available", event, feeds);
            return;
        }
        settings.accept(event);
        stream.onEvent(event, e -> {
            try {
                handler.accept(e);
            } catch (Throwable t) {
                AgentLog.get().debug("JFR event {} could not be read", event, t);
            }
        });
        enabled.add(event);
    }

    /** Events this JVM lacks, with what is lost for each. */
    Map<String, String> unavailable() {
        return Map.copyOf(missing);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    @Override
    public void sample(long nowMillis) {
        executionSamples.tick(nowMillis);
        lockWaitEvents.tick(nowMillis);
        gcPauses.tick(nowMillis);
    }

    @Override
    public List<Rule> rules() {
        return rules;
    }

    @Override
    public void addMetrics(Map<String, Object> metrics) {
        long now = System.currentTimeMillis();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("events", List.copyOf(enabled));
        if (!missing.isEmpty()) {
            m.put("unavailable", new java.util.TreeMap<>(missing));
        }
        m.put("setupMs", setupMillis);
        m.put("samplePeriodMs", samplePeriod.toMillis());
        m.put("stackDepth", stackDepthApplied);
        m.put("cpu", cpuLoad.metrics(now));
        m.put("profile", executionSamples.metrics(now));
        m.put("gc", gcPauses.metrics(now));
        m.put("allocation", allocationSamples.metrics());
        m.put("exceptions", exceptionCounts.metrics());
        m.put("dumpsWritten", dumpsWritten.get());
        // Read by whoever opens a threshold report: whether a recording was saved beside it, and if not, why.
        m.put("dumpBesideThresholdReports", !dumpOnThreshold ? "off (jfr.dump=off)"
                : stream == null ? "none yet: the JFR stream starts jfr.delay after launch" : "on");
        lockWaitEvents.addMetrics(m, now);
        metrics.put("jfr", m);
    }

    /** Saves the recent recording (bounded by jfr.dump.age and jfr.dump.size) next to a threshold report. */
    @Override
    public void writeBesideThresholdReport(Function<String, Path> companion) throws Exception {
        if (!dumpOnThreshold) {
            return;
        }
        RecordingStream rs = stream;
        if (rs == null) {
            return; // still setting up
        }
        Path target = companion.apply("jfr");
        // Written under a hidden temporary name and renamed, like the reports: a reader never sees half a recording.
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try {
            rs.dump(tmp);
            if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        dumpsWritten.incrementAndGet();
        AgentLog.get().info("JFR recording written: {}", target);
    }

    @Override
    public void stop() {
        RecordingStream rs = stream;
        if (rs != null) {
            rs.close();
        }
    }
}
