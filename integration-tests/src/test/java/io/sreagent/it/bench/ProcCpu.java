package io.sreagent.it.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** CPU time of processes and their threads from Linux's /proc, and CPU pinning with taskset. */
final class ProcCpu {
    /** USER_HZ: /proc counts CPU time in clock ticks of 10 ms. */
    private static final long MILLIS_PER_TICK = 10;

    private ProcCpu() {
    }

    /**
     * User + system CPU of the whole process, threads that ended included, in ms. The kernel scales
     * these from its precise runtime, so only the 10 ms tick rounding is lost.
     */
    static long processMillis(long pid) throws IOException {
        return ticks(Path.of("/proc", Long.toString(pid), "stat")) * MILLIS_PER_TICK;
    }

    /** One live thread: its name, digits folded to '#' so pools add up ({@code qtp123-45} is {@code qtp#-#}), and its CPU ms. */
    record ThreadCpu(String name, long millis) {
    }

    /** CPU ms of each live thread, by thread id. */
    static Map<Long, ThreadCpu> byThread(long pid) throws IOException {
        Map<Long, ThreadCpu> out = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip().replaceAll("\\d+", "#");
                    out.put(Long.parseLong(task.getFileName().toString()), new ThreadCpu(name, ticks(task.resolve("stat")) * MILLIS_PER_TICK));
                } catch (IOException ended) {
                    // the thread ended while we looked
                }
            }
        }
        return out;
    }

    /** CPU ms per thread name of the live threads (names folded as in {@link ThreadCpu}). */
    static Map<String, Long> byThreadName(long pid) throws IOException {
        Map<String, Long> out = new HashMap<>();
        byThread(pid).values().forEach(t -> out.merge(t.name(), t.millis(), Long::sum));
        return out;
    }

    /** CPU ms of the JIT compiler threads (C1 and C2) alive now. */
    static long compilerMillis(long pid) throws IOException {
        return byThreadName(pid).entrySet().stream().filter(e -> e.getKey().contains("CompilerThre"))
                .mapToLong(Map.Entry::getValue).sum();
    }

    private static long ticks(Path stat) throws IOException {
        String s = Files.readString(stat);
        String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15)
    }

    /** Pins every thread of {@code pid} to {@code cpu}; false if taskset is missing or failed. */
    static boolean pin(long pid, int cpu) {
        try {
            Process p = new ProcessBuilder(List.of("taskset", "-a", "-p", "-c", Integer.toString(cpu), Long.toString(pid)))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
