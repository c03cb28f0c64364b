package io.sreagent.feature.jfr;

import io.sreagent.report.Format;
import io.sreagent.support.SampleWindow;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.sreagent.feature.jfr.RecordedEvents.ignored;
import static io.sreagent.feature.jfr.RecordedEvents.name;

/**
 * CPU load, as a percentage of the whole machine: the JVM's and the machine's every
 * {@link JfrSettings#CPU_LOAD_PERIOD} ({@code jdk.CPULoad}), for high-cpu, and each thread's latest
 * ({@code jdk.ThreadCPULoad}), with the agent's threads and JFR's kept apart as what watching costs.
 * Every store here is safe for the stream's thread to write while the evaluation thread reads.
 */
final class CpuLoad {
    /** A thread whose load has not been read for three periods is taken to have ended. */
    private static final long FORGET_THREAD_AFTER_MILLIS = 3 * JfrSettings.THREAD_CPU_LOAD_PERIOD.toMillis();

    private final SampleWindow jvmPercent;
    private final SampleWindow machinePercent;
    private final ThreadCpuLoads threads = new ThreadCpuLoads(FORGET_THREAD_AFTER_MILLIS);
    /** The agent's threads and JFR's Java threads: what watching costs, shown apart from the application. */
    private final ThreadCpuLoads agentAndJfrThreads = new ThreadCpuLoads(FORGET_THREAD_AFTER_MILLIS);

    /** {@code window}: cpu.window, the longest high-cpu looks back. */
    CpuLoad(Duration window) {
        int capacity = SampleWindow.capacityFor(window, JfrSettings.CPU_LOAD_PERIOD);
        this.jvmPercent = new SampleWindow(capacity);
        this.machinePercent = new SampleWindow(capacity);
    }

    SampleWindow jvmPercent() {
        return jvmPercent;
    }

    SampleWindow machinePercent() {
        return machinePercent;
    }

    /** The application's threads. */
    ThreadCpuLoads threads() {
        return threads;
    }

    void onCpuLoad(RecordedEvent e) {
        long now = System.currentTimeMillis();
        jvmPercent.add(now, 100.0 * (e.getFloat("jvmUser") + e.getFloat("jvmSystem")));
        machinePercent.add(now, 100.0 * e.getFloat("machineTotal"));
    }

    void onThreadCpuLoad(RecordedEvent e) {
        RecordedThread t = e.getThread();
        if (t == null) {
            return;
        }
        addThreadLoad(name(t), ignored(t), 100.0 * (e.getFloat("user") + e.getFloat("system")), System.currentTimeMillis());
    }

    /** {@code agentOrJfr}: the thread is the agent's or JFR's, not the application's. */
    void addThreadLoad(String thread, boolean agentOrJfr, double percentOfMachine, long atMillis) {
        (agentOrJfr ? agentAndJfrThreads : threads).add(thread, percentOfMachine, atMillis);
    }

    Map<String, Object> metrics(long nowMillis) {
        Map<String, Object> cpu = new LinkedHashMap<>();
        SampleWindow.Samples last = jvmPercent.since(LastMinute.start(nowMillis));
        if (last.count() > 0) {
            cpu.put("jvmPercentNow", Format.oneDecimal(last.last()));
            cpu.put("jvmPercentMeanLastMinute", Format.oneDecimal(last.mean()));
            cpu.put("machinePercentMeanLastMinute", Format.oneDecimal(machinePercent.since(LastMinute.start(nowMillis)).mean()));
        }
        List<Map<String, Object>> top = new ArrayList<>();
        for (Map.Entry<String, Long> t : HighCpuRule.hundredths(threads.current(nowMillis)).top(10)) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("thread", t.getKey());
            one.put("cpuPercentOfMachine", t.getValue() / 100.0);
            top.add(one);
        }
        cpu.put("topThreads", top);
        Map<String, Double> own = agentAndJfrThreads.current(nowMillis);
        cpu.put("agentAndJfrThreadsPercentOfMachine", Math.round(own.values().stream().mapToDouble(Double::doubleValue).sum() * 100) / 100.0);
        return cpu;
    }
}
