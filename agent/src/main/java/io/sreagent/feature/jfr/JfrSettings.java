package io.sreagent.feature.jfr;

import java.time.Duration;

/**
 * The JFR events the agent streams and how, chosen to keep the overhead low: they match or are lighter
 * than the JDK's own "default" settings (default.jfc), which Oracle documents as under 1 % for
 * continuous production use. Measured on the test app with light requests on a half-busy core, the
 * stream costs about 1 % CPU per request on JDK 17 and 0.5 % on JDK 25 (README, Measured):
 * <ul>
 *   <li>{@code jdk.ExecutionSample} every {@code jfr.sample.period} (default 300 ms; default.jfc uses
 *       20 ms, the "profile" settings 10 ms): a few Java threads' stacks per period, cost independent of
 *       load. 300 ms against 100 ms measured 1.9 against 3.2 % on JDK 17; at 300 ms a method using
 *       hot.cores (0.25) for the one-minute hot.window still gives 50 samples, what hot-method needs;</li>
 *   <li>{@code jdk.CPULoad} every second, {@code jdk.ThreadCPULoad} every 10 s (one event per thread,
 *       so less often), {@code jdk.ExceptionStatistics} every 10 s: periodic counters, negligible;</li>
 *   <li>{@code jdk.JavaMonitorEnter} and {@code jdk.ThreadPark} only above {@code jfr.lock.threshold}
 *       (default 20 ms, as default.jfc): short, uncontended waits record nothing. Monitor waits are
 *       recorded without stacks until one is seen ({@link WaitStacks}): with stacks, every thread that
 *       blocks on a monitor has its stack walked and stored on JDK 17, however short the wait. Parks
 *       are not recorded at all until a thread is seen parked on a lock ({@link LockParks}): a
 *       recorded park event reads the clock on every park, however short, and idle pool threads' long
 *       parks would be recorded only to be dropped;</li>
 *   <li>{@code jdk.ObjectAllocationSample} throttled to 20 events/s (default.jfc: 150), whatever the
 *       allocation rate, and without stack traces (default.jfc records them): only the class and weight
 *       are read, for the metrics' allocation ranking (no rule uses them), and 1,200 a minute rank the
 *       top classes; each event is written by an allocating request thread, flushed and parsed;</li>
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
    static final String ALLOCATION_THROTTLE = "20/s";

    private JfrSettings() {
    }
}
