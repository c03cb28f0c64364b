package io.sreagent.feature.jfr;

import io.sreagent.config.Option;

import java.time.Duration;
import java.util.List;

/** The keys of the JFR stream and of the rules it feeds: high-cpu, hot-method, gc-pressure, lock-contention. */
final class JfrOptions {
    static final Option<Double> CPU_THRESHOLD = Option.percentage("cpu.threshold", "80", 1, 100,
            "JVM CPU use, share of the whole machine, that is high when sustained");
    static final Option<Duration> CPU_WINDOW = Option.duration("cpu.window", "1m", "5s", "1h",
            "how long high CPU must last");
    static final Option<Double> HOT_SHARE = Option.percentage("hot.share", "50", 1, 100,
            "share of CPU samples one method (or regex/JSON/concatenation/reflection) must hold to be hot");
    static final Option<Double> HOT_CORES = Option.number("hot.cores", "0.25", "a number of cores", 0.01, 1024,
            "cores' worth of samples the hot method must use for a warning; below it is info");
    static final Option<Duration> HOT_WINDOW = Option.duration("hot.window", "1m", "5s", "1h",
            "window of CPU samples judged");
    static final Option<Double> GC_THRESHOLD = Option.percentage("gc.threshold", "10", 1, 100,
            "share of wall time in GC pauses that is GC pressure");
    static final Option<Duration> GC_WINDOW = Option.duration("gc.window", "1m", "5s", "1h",
            "how long GC pressure must last");
    static final Option<Double> LOCK_THRESHOLD = Option.percentage("lock.threshold", "10", 1, 10_000,
            "summed wait time for one lock, as a share of `lock.window`, that is contention");
    static final Option<Duration> LOCK_WINDOW = Option.duration("lock.window", "1m", "5s", "1h",
            "window over which lock waits are summed");
    static final Option<Duration> DELAY = Option.delay("jfr.delay", "10s", "10m",
            "at launch, the JFR stream starts this late so its set-up does not compete with the application's start (after `attach`: at once)");
    static final Option<Duration> SAMPLE_PERIOD = Option.duration("jfr.sample.period", "300ms", "10ms", "1s",
            "JFR execution-sample period; `hot-method` needs 50 samples in `hot.window` (the agent warns at start when `hot.cores` for the window gives fewer)");
    static final Option<Duration> LOCK_WAIT_THRESHOLD = Option.duration("jfr.lock.threshold", "20ms", "1ms", "10s",
            "shortest monitor/lock wait JFR records");
    static final Option<Integer> STACK_DEPTH = Option.integer("jfr.stack.depth", "128", "a number of frames", 16, 2048,
            "deepest JFR stack (innermost frames kept); set only if JFR is not yet running in the JVM, else the JVM's depth stays");
    static final Option<Boolean> DUMP = Option.onOff("jfr.dump", "on",
            "save the recent JFR recording next to each threshold report");
    static final Option<Duration> DUMP_AGE = Option.duration("jfr.dump.age", "2m", "10s", "1h",
            "how far back that recording goes");
    static final Option<Integer> DUMP_SIZE = Option.integer("jfr.dump.size", "32", "a size in MB", 1, 1024,
            "most JFR data kept on disk and saved");

    static final List<Option<?>> ALL = List.of(CPU_THRESHOLD, CPU_WINDOW, HOT_SHARE, HOT_CORES, HOT_WINDOW, GC_THRESHOLD,
            GC_WINDOW, LOCK_THRESHOLD, LOCK_WINDOW, DELAY, SAMPLE_PERIOD, LOCK_WAIT_THRESHOLD, STACK_DEPTH, DUMP, DUMP_AGE,
            DUMP_SIZE);

    private JfrOptions() {
    }
}
