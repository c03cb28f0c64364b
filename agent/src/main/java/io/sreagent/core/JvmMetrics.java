package io.sreagent.core;

import io.sreagent.support.OpenFiles;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JVM-wide figures for the report's metrics: CPU, heap, GC, threads, descriptors, classes. */
public final class JvmMetrics {
    private long lastGcTimeMs = -1;
    private long lastUptimeMs;
    private double gcTimeSharePercent;

    /** Called every evaluation so GC time can be given as a share of the last interval's wall time. */
    public synchronized void sample() {
        long gcTime = totalGcTimeMs();
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        if (lastGcTimeMs >= 0 && uptime > lastUptimeMs) {
            gcTimeSharePercent = 100.0 * (gcTime - lastGcTimeMs) / (uptime - lastUptimeMs);
        }
        lastGcTimeMs = gcTime;
        lastUptimeMs = uptime;
    }

    public synchronized void addTo(Map<String, Object> metrics) {
        Map<String, Object> cpu = new LinkedHashMap<>();
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        cpu.put("availableProcessors", os.getAvailableProcessors());
        cpu.put("systemLoadAverage", os.getSystemLoadAverage());
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            cpu.put("processCpuPercent", percent(sun.getProcessCpuLoad()));
            cpu.put("machineCpuPercent", percent(sun.getCpuLoad()));
            cpu.put("processCpuTimeMs", sun.getProcessCpuTime() / 1_000_000);
        }
        metrics.put("cpu", cpu);

        Map<String, Object> memory = new LinkedHashMap<>();
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long max = maxHeap();
        memory.put("heapUsedMb", heap.getUsed() >> 20);
        memory.put("heapCommittedMb", heap.getCommitted() >> 20);
        memory.put("heapMaxMb", max >> 20);
        memory.put("nonHeapUsedMb", ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage().getUsed() >> 20);
        metrics.put("memory", memory);

        Map<String, Object> gc = new LinkedHashMap<>();
        List<Map<String, Object>> collectors = new ArrayList<>();
        for (GarbageCollectorMXBean c : ManagementFactory.getGarbageCollectorMXBeans()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("name", c.getName());
            one.put("count", c.getCollectionCount());
            one.put("timeMs", c.getCollectionTime());
            collectors.add(one);
        }
        gc.put("collectors", collectors);
        gc.put("timeSharePercentLastInterval", gcTimeSharePercent);
        metrics.put("gc", gc);

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("live", threads.getThreadCount());
        t.put("daemon", threads.getDaemonThreadCount());
        t.put("peak", threads.getPeakThreadCount());
        t.put("startedTotal", threads.getTotalStartedThreadCount());
        metrics.put("threads", t);

        if (OpenFiles.supported()) {
            Map<String, Object> fd = new LinkedHashMap<>();
            fd.put("open", OpenFiles.open());
            fd.put("limit", OpenFiles.max());
            metrics.put("fileDescriptors", fd);
        }
        Map<String, Object> classes = new LinkedHashMap<>();
        classes.put("loaded", ManagementFactory.getClassLoadingMXBean().getLoadedClassCount());
        metrics.put("classes", classes);
    }

    private static long totalGcTimeMs() {
        long total = 0;
        for (GarbageCollectorMXBean c : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, c.getCollectionTime());
        }
        return total;
    }

    private static double percent(double load) {
        return load < 0 ? -1 : load * 100.0;
    }

    /** The heap's maximum size in bytes (-Xmx), as the JVM reports it. */
    public static long maxHeap() {
        long max = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
        return max > 0 ? max : Runtime.getRuntime().maxMemory();
    }
}
