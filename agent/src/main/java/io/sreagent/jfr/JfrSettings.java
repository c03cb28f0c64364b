package io.sreagent.jfr;

import java.time.Duration;

/**
 * The JFR events the agent streams and how, chosen to keep the overhead near 1 % (README, Measured,
 * has the end-to-end figures). They match or are lighter than the JDK's own "default" settings
 * (default.jfc), which Oracle documents as under 1 % for continuous production use:
 * <ul>
 *   <li>{@code jdk.ExecutionSample} every {@code jfr.sample.period} (default 50 ms; default.jfc uses
 *       20 ms, the "profile" settings 10 ms): a few Java threads' stacks per period, cost independent of
 *       load. The sampler was the largest steady cost of the stream at 20 ms (about 0.4 % of the test
 *       app's CPU under load); at 50 ms a thread busy for a second still gives 20 samples, and
 *       hot-method needs 50 in a one-minute window;</li>
 *   <li>{@code jdk.CPULoad} every second, {@code jdk.ThreadCPULoad} every 10 s (one event per thread,
 *       so less often), {@code jdk.ExceptionStatistics} every 10 s: periodic counters, negligible;</li>
 *   <li>{@code jdk.JavaMonitorEnter} and {@code jdk.ThreadPark} only above {@code jfr.lock.threshold}
 *       (default 20 ms, as default.jfc): short, uncontended waits record nothing. Parks are not recorded
 *       at all until a thread is seen parked on a lock ({@link LockParks}): a recorded park event reads
 *       the clock on every park, however short, and idle pool threads' long parks would be recorded
 *       only to be dropped;</li>
 *   <li>{@code jdk.ObjectAllocationSample} throttled to 150 events/s (as default.jfc), whatever the
 *       allocation rate, and without stack traces (default.jfc records them): only the class and weight
 *       are read, and walking an allocating request thread's stack is most of what the event costs;</li>
 *   <li>{@code jdk.GarbageCollection}: one event per collection.</li>
 * </ul>
 * Stacks are kept to {@code jfr.stack.depth} frames (128; see {@link JfrStackDepth}).
 * No allocation-in-TLAB events, no per-class statistics, no file/socket I/O events, no old-object
 * sampling: those are the costly ones. The stream is unordered (no sorting per flush).
 */
final class JfrSettings {
    static final String CPU_LOAD = "jdk.CPULoad";
    static final String THREAD_CPU_LOAD = "jdk.ThreadCPULoad";
    static final String EXECUTION_SAMPLE = "jdk.ExecutionSample";
    static final String GARBAGE_COLLECTION = "jdk.GarbageCollection";
    static final String ALLOCATION_SAMPLE = "jdk.ObjectAllocationSample";
    static final String MONITOR_ENTER = "jdk.JavaMonitorEnter";
    static final String THREAD_PARK = "jdk.ThreadPark";
    static final String EXCEPTION_STATISTICS = "jdk.ExceptionStatistics";

    static final Duration CPU_LOAD_PERIOD = Duration.ofSeconds(1);
    static final Duration THREAD_CPU_LOAD_PERIOD = Duration.ofSeconds(10);
    static final Duration EXCEPTION_STATISTICS_PERIOD = Duration.ofSeconds(10);
    static final String ALLOCATION_THROTTLE = "150/s";

    private JfrSettings() {
    }
}
