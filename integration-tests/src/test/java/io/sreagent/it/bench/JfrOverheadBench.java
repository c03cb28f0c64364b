package io.sreagent.it.bench;

import io.sreagent.it.support.AppProcess;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * End-to-end overhead of the JFR stream: the test app under closed-loop HTTP load (order lookups
 * through HikariCP and H2, and order lists) with the agent's jfr feature on, and with it off
 * ({@code instrument.jfr=off}, everything else equal), in one run. Both JVMs live side by side and
 * take turns (ABBA order) so drifting machine load hits both alike. Prints throughput and p50/p99 per
 * side and the start-up time to "listening", and writes them to target/jfr-overhead.txt.
 *
 * <p>Not part of the normal test run (it takes minutes and measures, it does not judge):
 * {@code mvn -B -pl agent,agent-test-app,integration-tests -am verify -Dtest=JfrOverheadBench -Dbench=jfr -Dsurefire.failIfNoSpecifiedTests=false}
 * with {@code -Dbench.rounds=N -Dbench.seconds=S -Dbench.clients=C} to change the defaults (12, 8, 4),
 * {@code -Dbench.on=key=value,...} to try other settings on the "on" side, {@code -Dbench.skipStartup=true}.
 */
@EnabledIfSystemProperty(named = "bench", matches = "jfr")
class JfrOverheadBench {
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 12);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 8);
    private static final int CLIENTS = Integer.getInteger("bench.clients", 4);
    private static final String COMMON = "report.dir=reports,report.interval=off";
    /** Extra agent options for the "on" side only, to compare JFR settings: -Dbench.on=jfr.sample.period=50ms */
    private static final String ON_EXTRA = System.getProperty("bench.on", "");
    private static final boolean SKIP_STARTUP = Boolean.getBoolean("bench.skipStartup");

    @Test
    void jfrStreamOverheadUnderLoad() throws Exception {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "JFR stream overhead: %d rounds x %d s per side, %d closed-loop clients, Java %s, %d CPUs",
                ROUNDS, SECONDS, CLIENTS, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors()));
        out.add("on side extra options: " + (ON_EXTRA.isEmpty() ? "(none)" : ON_EXTRA));
        if (!SKIP_STARTUP) {
            out.addAll(startup(new String[]{"no agent", "agent, jfr off", "agent, jfr on (stream starts after jfr.delay=10s)", "agent, jfr on, jfr.delay=0s"},
                    new String[]{null, COMMON + ",instrument.jfr=off", COMMON, COMMON + ",jfr.delay=0s"}));
        }
        try (AppProcess off = AppProcess.testApp().name("bench-jfr-off").agent(COMMON + ",instrument.jfr=off").start();
             AppProcess on = AppProcess.testApp().name("bench-jfr-on").agent(COMMON + (ON_EXTRA.isEmpty() ? "" : "," + ON_EXTRA)).start()) {
            if (!ON_EXTRA.contains("instrument.jfr=off")) { // an A/A run compares two "off" JVMs
                AppProcess.await(java.time.Duration.ofSeconds(60),
                        () -> on.report().path("metrics").path("jfr").path("events").size() > 0, "the JFR stream to run");
            }
            load(off, 30, null);
            load(on, 30, null);
            Histogram offLatency = new Histogram(3);
            Histogram onLatency = new Histogram(3);
            long offRequests = 0;
            long onRequests = 0;
            long offCpu = 0;
            long onCpu = 0;
            List<Double> ratios = new ArrayList<>();
            for (int r = 0; r < ROUNDS; r++) {
                boolean onFirst = r % 2 == 1;
                long cpuOn0 = cpuMillis(on);
                long cpuOff0 = cpuMillis(off);
                long a = load(onFirst ? on : off, SECONDS, onFirst ? onLatency : offLatency);
                long b = load(onFirst ? off : on, SECONDS, onFirst ? offLatency : onLatency);
                onCpu += cpuMillis(on) - cpuOn0;
                offCpu += cpuMillis(off) - cpuOff0;
                long onCount = onFirst ? a : b;
                long offCount = onFirst ? b : a;
                onRequests += onCount;
                offRequests += offCount;
                ratios.add((double) onCount / offCount);
                out.add(String.format(Locale.ROOT, "round %d: off %.0f req/s, on %.0f req/s (on/off %.3f)",
                        r + 1, offCount / (double) SECONDS, onCount / (double) SECONDS, (double) onCount / offCount));
            }
            out.add(line("jfr off", offRequests, offLatency));
            out.add(line("jfr on ", onRequests, onLatency));
            ratios.sort(null);
            out.add(String.format(Locale.ROOT, "throughput on/off: total %.3f, median of rounds %.3f (min %.3f, max %.3f); p99 on/off %.3f",
                    (double) onRequests / offRequests, ratios.get(ratios.size() / 2), ratios.get(0), ratios.get(ratios.size() - 1),
                    (double) onLatency.getValueAtPercentile(99) / offLatency.getValueAtPercentile(99)));
            out.add(String.format(Locale.ROOT, "CPU per request (process user+system over the rounds, idle turns included): off %.1f us, on %.1f us (on/off %.3f)",
                    offCpu * 1000.0 / offRequests, onCpu * 1000.0 / onRequests, (onCpu / (double) onRequests) / (offCpu / (double) offRequests)));
            out.add("agent and JFR threads' own CPU (jdk.ThreadCPULoad, from the report): "
                    + on.report().path("metrics").path("jfr").path("cpu").path("agentAndJfrThreadsPercentOfMachine").asDouble() + " % of the machine");
            out.add("agent's jfr setup (from its report): " + on.report().path("metrics").path("jfr").path("setupMs").asLong() + " ms on its own thread");
        }
        out.forEach(System.out::println);
        Files.write(Path.of("target", "jfr-overhead.txt"), out);
    }

    private static String line(String name, long requests, Histogram latency) {
        return String.format(Locale.ROOT, "%s: %.0f req/s, p50 %.2f ms, p99 %.2f ms, max %.1f ms", name,
                requests / (double) (ROUNDS * SECONDS), latency.getValueAtPercentile(50) / 1000.0,
                latency.getValueAtPercentile(99) / 1000.0, latency.getMaxValue() / 1000.0);
    }

    /** Process start to the "listening on port" line, five starts per variant taken in turns; the median. */
    private static List<String> startup(String[] names, String[] agentOptions) {
        List<List<Long>> millis = new ArrayList<>();
        for (int v = 0; v < names.length; v++) {
            millis.add(new ArrayList<>());
        }
        for (int i = 0; i < 5; i++) {
            for (int v = 0; v < names.length; v++) {
                long t0 = System.nanoTime();
                AppProcess.Builder b = AppProcess.testApp().name("bench-start");
                if (agentOptions[v] != null) {
                    b.agent(agentOptions[v]);
                }
                try (AppProcess app = b.start()) {
                    millis.get(v).add((System.nanoTime() - t0) / 1_000_000);
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (int v = 0; v < names.length; v++) {
            List<Long> m = millis.get(v);
            m.sort(null);
            out.add(String.format(Locale.ROOT, "start-up to listening, %s: median %d ms of %s", names[v], m.get(m.size() / 2), m));
        }
        return out;
    }

    /** CPU time (user + system) the process has used, in ms, from /proc: the same clock for both sides. */
    private static long cpuMillis(AppProcess app) throws Exception {
        String stat = Files.readString(Path.of("/proc", Long.toString(app.pid()), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10; // clock ticks of 10 ms (USER_HZ 100)
    }

    /** Closed-loop load for {@code seconds}; returns the requests completed, recording latencies (micros) when asked. */
    private static long load(AppProcess app, int seconds, Histogram latency) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Future<Histogram>> results = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            results.add(clients.submit(() -> {
                Histogram h = new Histogram(3);
                int i = client;
                while (System.nanoTime() < end) {
                    String path = i % 4 == 0 ? "/orders" : "/orders/" + (1 + i % 500);
                    long t = System.nanoTime();
                    if (app.get(path) != 200) {
                        throw new IllegalStateException("GET " + path + " failed");
                    }
                    h.recordValue((System.nanoTime() - t) / 1000);
                    i += CLIENTS;
                }
                return h;
            }));
        }
        long count = 0;
        for (Future<Histogram> f : results) {
            Histogram h = f.get();
            count += h.getTotalCount();
            if (latency != null) {
                latency.add(h);
            }
        }
        clients.shutdown();
        return count;
    }
}
