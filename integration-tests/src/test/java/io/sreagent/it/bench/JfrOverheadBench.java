package io.sreagent.it.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.sreagent.it.support.AppProcess;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * End-to-end overhead of the JFR stream on the test app under load, in one run: three test-app JVMs
 * with the agent, one with the {@code jfr} feature on and two with it off ({@code instrument.jfr=off},
 * everything else equal). The two "off" JVMs are the A/A control: what they differ by is the rig's
 * resolution.
 *
 * <p>The JVMs take short turns (every order of the three in rotation, so none is always first) under
 * the same fixed request rate (open loop; by default half of what 8 closed-loop clients get), one at
 * a time, after warm-up turns until the JIT is quiet.
 * Each turn gives that JVM's CPU time per request (user + system from /proc, the idle JVMs' turns
 * not counted) and its p50/p99; each round gives the ratios on/off and off-b/off-a, summarised as
 * medians with bootstrap 95 % confidence intervals and a sign test. On Linux with two or more CPUs
 * the app JVMs are pinned to CPU 1 and this (load-generating) JVM to CPU 0 with taskset, so load
 * generation does not compete with the app for its core. Also prints the CPU per thread group of the
 * "on" JVM and of off-b, each minus off-a, during each JVM's own turns (comparable with CPU per
 * request) and, apart, between them (threads followed by id every turn, so pool threads retired
 * meanwhile count): where the cost lands, next to what two equal JVMs differ by.
 * Output in target/jfr-overhead.txt.
 *
 * <p>Not part of the normal test run (it takes minutes and measures, it does not judge):
 * {@code mvn -B -pl agent,agent-test-app,integration-tests -am verify -Dtest=JfrOverheadBench -Dbench=jfr -Dsurefire.failIfNoSpecifiedTests=false}
 * with {@code -Dbench.rounds=N} (30), {@code -Dbench.jvms=K} (1: the rounds are shared out over K sets of three
 * fresh JVMs, so that what one JVM differs from an equal one by, for its whole life, is in the confidence
 * interval too; the order they start in turns from set to set), {@code -Dbench.seconds=S} (4, per turn), {@code -Dbench.rate=R}
 * (requests/s; default half the calibrated capacity), {@code -Dbench.pin=false},
 * {@code -Dbench.on=key=value,...} to try other settings on the "on" side, {@code -Dbench.onJvm=arg} to give
 * it one more JVM argument, {@code -Dbench.java=path/bin/java} to run the app JVMs on another JDK, {@code -Dbench.load=closed} for
 * turns of 8 closed-loop clients instead of the fixed rate (the app as busy as the load generator can
 * make it; each turn then also gives requests/s, the throughput ratio), {@code -Dbench.startup=true}
 * to also time start-up to "listening" with and without the agent and JFR.
 */
@EnabledIfSystemProperty(named = "bench", matches = "jfr")
class JfrOverheadBench {
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 30);
    private static final int JVM_SETS = Math.max(1, Math.min(ROUNDS, Integer.getInteger("bench.jvms", 1)));
    private static final double SECONDS = Double.parseDouble(System.getProperty("bench.seconds", "4"));
    private static final int RATE = Integer.getInteger("bench.rate", 0);
    private static final boolean PIN = !"false".equals(System.getProperty("bench.pin"))
            && Runtime.getRuntime().availableProcessors() >= 2 && Files.isDirectory(Path.of("/proc/self"));
    private static final boolean STARTUP = Boolean.getBoolean("bench.startup");
    /** Closed loop: 8 clients keep the app busy; each turn then also gives its throughput. */
    private static final boolean CLOSED = "closed".equals(System.getProperty("bench.load", "open"));
    private static final String COMMON = "report.dir=reports,report.interval=off";
    /** Extra agent options for the "on" side only, to compare JFR settings: -Dbench.on=jfr.sample.period=50ms */
    private static final String ON_EXTRA = System.getProperty("bench.on", "");
    /**
     * One extra JVM argument for the "on" side, e.g. with {@code -Dbench.on=instrument.jfr=off}, a JFR
     * recording of the JDK's own: {@code -Dbench.onJvm=-XX:StartFlightRecording=settings=x.jfc}.
     */
    private static final String ON_JVM = System.getProperty("bench.onJvm", "");
    /** The java launcher of the app JVMs, e.g. a JDK 25's bin/java; default: the JDK running the bench. */
    private static final String JAVA = System.getProperty("bench.java", "");
    private static final String ON_OPTIONS = COMMON + ",jfr.delay=0s" + (ON_EXTRA.isEmpty() ? "" : "," + ON_EXTRA);
    private static final String[] NAMES = {"off-a", "off-b", "on"};
    private static final int OFF_A = 0;
    private static final int OFF_B = 1;
    private static final int ON = 2;
    private static final int MAX_WARM_UP_ROUNDS = 40;
    private static final int[][] ORDERS = {{0, 1, 2}, {2, 1, 0}, {1, 2, 0}, {0, 2, 1}, {2, 0, 1}, {1, 0, 2}};

    private final HttpLoad load = new HttpLoad();

    @Test
    void jfrStreamOverheadUnderLoad() throws Exception {
        List<String> out = new ArrayList<>();
        if (STARTUP) {
            out.addAll(startup(new String[]{"no agent", "agent, jfr off", "agent, jfr on (stream starts after jfr.delay=10s)", "agent, jfr on, jfr.delay=0s"},
                    new String[]{null, COMMON + ",instrument.jfr=off", COMMON, COMMON + ",jfr.delay=0s"}));
        }
        int cpus = Runtime.getRuntime().availableProcessors();
        boolean pinned = PIN && ProcCpu.pin(ProcessHandle.current().pid(), 0);
        double[][] cpuPerRequest = new double[3][ROUNDS];
        double[][] cpuPerRequestWithoutJit = new double[3][ROUNDS];
        double[][] p99 = new double[3][ROUNDS];
        double[][] throughput = new double[3][ROUNDS];
        int[] setOfRound = new int[ROUNDS];
        long[] cpuMillis = new long[3];
        long[] requests = new long[3];
        Histogram[] latency = {new Histogram(3), new Histogram(3), new Histogram(3)};
        List<Map<String, Long>> usedInTurns = List.of(new HashMap<>(), new HashMap<>(), new HashMap<>());
        List<Map<String, Long>> usedBetweenTurns = List.of(new HashMap<>(), new HashMap<>(), new HashMap<>());
        long runMillis = 0;
        int rate = RATE;
        int round = 0;
        JsonNode lastOnJfr = null;
        for (int set = 0; set < JVM_SETS; set++) {
            int rounds = ROUNDS * (set + 1) / JVM_SETS - ROUNDS * set / JVM_SETS;
            AppProcess[] sides = new AppProcess[3];
            try {
                // The start order turns with the sets: no side is always the one started (and warmed) last.
                int[] startOrder = ORDERS[set % ORDERS.length];
                for (int s : startOrder) {
                    sides[s] = (s == ON ? onSide() : app("bench-jfr-" + NAMES[s]).agent(COMMON + ",instrument.jfr=off")).start();
                }
                AppProcess offA = sides[OFF_A];
                AppProcess offB = sides[OFF_B];
                AppProcess on = sides[ON];
                for (AppProcess app : sides) {
                    pinned &= !PIN || ProcCpu.pin(app.pid(), 1);
                }
                if (!ON_EXTRA.contains("instrument.jfr=off")) {
                    AppProcess.await(java.time.Duration.ofSeconds(60),
                            () -> on.report().path("metrics").path("jfr").path("events").size() > 0, "the JFR stream to run");
                }
                for (int s : startOrder) {
                    load.saturate(sides[s].port(), 8, 15); // first warm-up: JIT, pools, caches
                }
                if (set == 0) {
                    long calibrationCpu = ProcCpu.processMillis(offA.pid());
                    double capacity = load.saturate(offA.port(), 8, 5);
                    double appCores = (ProcCpu.processMillis(offA.pid()) - calibrationCpu) / 5000.0;
                    rate = RATE > 0 ? RATE : (int) Math.max(50, capacity / 2);
                    out.add(String.format(Locale.ROOT, "JFR stream overhead: %d rounds of %.1f s turns per JVM over %d set(s) of three fresh JVMs, %s "
                                    + "(8 closed-loop clients got %.0f/s, the app using %.2f cores), Java %s, %d CPUs, %s",
                            ROUNDS, SECONDS, JVM_SETS, CLOSED ? "8 closed-loop clients" : rate + " requests/s open loop, at most " + HttpLoad.SENDERS + " in flight",
                            capacity, appCores, JAVA.isEmpty() ? System.getProperty("java.version") : JAVA, cpus,
                            pinned ? "app JVMs pinned to CPU 1, load generator to CPU 0" : "not pinned"));
                    out.add("on side options: " + ON_OPTIONS + (ON_JVM.isEmpty() ? "" : ", JVM argument " + ON_JVM) + "; off sides: " + COMMON + ",instrument.jfr=off");
                    out.add("round: CPU us/request off-a off-b on | p99 ms off-a off-b on" + (CLOSED ? " | requests/s off-a off-b on" : ""));
                    out.subList(out.size() - 3, out.size()).forEach(System.out::println);
                }
                out.add("JVM set " + (set + 1) + " (started " + String.join(", ", java.util.Arrays.stream(startOrder).mapToObj(s -> NAMES[s]).toList())
                        + "), " + warmUp(sides, rate));
                System.out.println(out.get(out.size() - 1));

                long run0 = System.nanoTime();
                List<ThreadCpuTally> tallies = List.of(new ThreadCpuTally(offA.pid()), new ThreadCpuTally(offB.pid()), new ThreadCpuTally(on.pid()));
                for (ThreadCpuTally t : tallies) {
                    t.read(false);
                }
                for (int i = 0; i < rounds; i++, round++) {
                    setOfRound[round] = set;
                    for (int s : ORDERS[round % ORDERS.length]) {
                        long cpu0 = ProcCpu.processMillis(sides[s].pid());
                        HttpLoad.Result turn = CLOSED ? load.closedLoop(sides[s].port(), 8, SECONDS) : load.fixedRate(sides[s].port(), rate, SECONDS);
                        long cpu = ProcCpu.processMillis(sides[s].pid()) - cpu0;
                        if (turn.failures() > 0) {
                            throw new AssertionError(turn.failures() + " of " + turn.requests() + " requests at " + rate + "/s failed on "
                                    + NAMES[s] + ", first: " + turn.firstFailure() + "\n" + sides[s].logs());
                        }
                        cpuPerRequest[s][round] = cpu * 1000.0 / turn.requests();
                        p99[s][round] = turn.latencyMicros().getValueAtPercentile(99) / 1000.0;
                        throughput[s][round] = turn.requests() * 1e9 / turn.elapsedNanos();
                        cpuMillis[s] += cpu;
                        requests[s] += turn.requests();
                        latency[s].add(turn.latencyMicros());
                        for (int t = 0; t < 3; t++) {
                            Map<String, Long> used = tallies.get(t).read(t == s); // every turn: pool threads retired meanwhile keep what they used
                            if (t == s) {
                                long jit = used.entrySet().stream().filter(e -> e.getKey().contains("CompilerThre")).mapToLong(Map.Entry::getValue).sum();
                                cpuPerRequestWithoutJit[s][round] = Math.max(0, cpu - jit) * 1000.0 / turn.requests();
                            }
                        }
                    }
                    out.add(String.format(Locale.ROOT, "%2d: %6.1f %6.1f %6.1f | %6.2f %6.2f %6.2f", round + 1,
                            cpuPerRequest[0][round], cpuPerRequest[1][round], cpuPerRequest[2][round], p99[0][round], p99[1][round], p99[2][round])
                            + (CLOSED ? String.format(Locale.ROOT, " | %6.0f %6.0f %6.0f", throughput[0][round], throughput[1][round], throughput[2][round]) : ""));
                }
                runMillis += (System.nanoTime() - run0) / 1_000_000;
                for (int s = 0; s < 3; s++) {
                    Map<String, Long> inTurns = usedInTurns.get(s);
                    Map<String, Long> betweenTurns = usedBetweenTurns.get(s);
                    tallies.get(s).duringOwnTurns().forEach((name, ms) -> inTurns.merge(name, ms, Long::sum));
                    tallies.get(s).betweenOwnTurns().forEach((name, ms) -> betweenTurns.merge(name, ms, Long::sum));
                }
                lastOnJfr = on.report().path("metrics").path("jfr");
            } finally {
                for (AppProcess app : sides) {
                    if (app != null) {
                        app.close();
                    }
                }
            }
        }
        out.add("CPU per request, per-round ratios" + (JVM_SETS > 1 ? " (confidence intervals resample the JVM sets, then the rounds within each)" : "") + ":");
        out.add("  " + ratios("on / mean of off-a and off-b", cpuPerRequest, ON, -1, setOfRound));
        out.add("  " + ratios("on / off-a", cpuPerRequest, ON, OFF_A, setOfRound));
        out.add("  " + ratios("on / off-b", cpuPerRequest, ON, OFF_B, setOfRound));
        out.add("  " + ratios("A/A control off-b / off-a", cpuPerRequest, OFF_B, OFF_A, setOfRound));
        out.add("CPU per request without the JIT compiler threads' (what remains once compilation has settled), per-round ratios:");
        out.add("  " + ratios("on / mean of off-a and off-b", cpuPerRequestWithoutJit, ON, -1, setOfRound));
        out.add("  " + ratios("A/A control off-b / off-a", cpuPerRequestWithoutJit, OFF_B, OFF_A, setOfRound));
        if (CLOSED) {
            out.add("throughput (requests/s), per-round ratios (the load generator's core may share the limit):");
            out.add("  " + ratios("on / mean of off-a and off-b", throughput, ON, -1, setOfRound));
            out.add("  " + ratios("A/A control off-b / off-a", throughput, OFF_B, OFF_A, setOfRound));
        }
        out.add("p99 latency, per-round ratios:");
        out.add("  " + ratios("on / mean of off-a and off-b", p99, ON, -1, setOfRound));
        out.add("  " + ratios("A/A control off-b / off-a", p99, OFF_B, OFF_A, setOfRound));
        for (int s = 0; s < 3; s++) {
            out.add(String.format(Locale.ROOT, "%-5s all rounds: %.1f us CPU/request, p50 %.2f ms, p99 %.2f ms, max %.1f ms, %d requests",
                    NAMES[s], cpuMillis[s] * 1000.0 / requests[s], latency[s].getValueAtPercentile(50) / 1000.0,
                    latency[s].getValueAtPercentile(99) / 1000.0, latency[s].getMaxValue() / 1000.0, requests[s]));
        }
        long onTurnsCpu = cpuMillis[ON];
        out.addAll(threadDifference(String.format(Locale.ROOT, "CPU by thread during each JVM's own turns (%.0f s under load each; threads followed by id, ended ones included), "
                        + "on minus off-a, then off-b minus off-a: ms, %% of what the on JVM used in its turns (%d ms)", ROUNDS * SECONDS, onTurnsCpu),
                usedInTurns, ms -> String.format(Locale.ROOT, "%+6d ms %+.2f %%", ms, 100.0 * ms / onTurnsCpu)));
        double idleSeconds = runMillis / 1000.0 - ROUNDS * SECONDS;
        out.addAll(threadDifference(String.format(Locale.ROOT, "CPU by thread between each JVM's turns (%.0f s each, idle while the others had theirs): ms, ms per idle second", idleSeconds),
                usedBetweenTurns, ms -> String.format(Locale.ROOT, "%+6d ms %+.2f ms/s", ms, ms / idleSeconds)));
        if (lastOnJfr != null) {
            out.add("last on JVM: agent and JFR threads' own CPU (jdk.ThreadCPULoad) " + lastOnJfr.path("cpu").path("agentAndJfrThreadsPercentOfMachine").asDouble()
                    + " % of the machine; park stacks " + lastOnJfr.path("parkStacks") + ", monitor stacks " + lastOnJfr.path("monitorStacks"));
        }
        out.forEach(System.out::println);
        Files.write(Path.of("target", "jfr-overhead.txt"), out);
    }

    private static AppProcess.Builder onSide() {
        AppProcess.Builder b = app("bench-jfr-on").agent(ON_OPTIONS);
        return ON_JVM.isEmpty() ? b : b.jvmArg(ON_JVM);
    }

    /** A test app on the JDK the run is for ({@code -Dbench.java}, else this JVM's). */
    private static AppProcess.Builder app(String name) {
        AppProcess.Builder b = AppProcess.testApp().name(name);
        return JAVA.isEmpty() ? b : b.java(Path.of(JAVA));
    }

    /**
     * Turns at the measured rate until no JVM's JIT compiler threads use more than 2 % of its CPU in a
     * turn (three rounds at least, 40 at most): the run measures the steady state, not the warm-up.
     */
    private String warmUp(AppProcess[] sides, int rate) throws Exception {
        double[] compileShare = new double[sides.length];
        int round = 0;
        boolean settled = false;
        while (!settled && round < MAX_WARM_UP_ROUNDS) {
            round++;
            settled = round >= 3;
            for (int s = 0; s < sides.length; s++) {
                long compile0 = ProcCpu.compilerMillis(sides[s].pid());
                long cpu0 = ProcCpu.processMillis(sides[s].pid());
                load.fixedRate(sides[s].port(), rate, SECONDS);
                compileShare[s] = (ProcCpu.compilerMillis(sides[s].pid()) - compile0) / (double) Math.max(1, ProcCpu.processMillis(sides[s].pid()) - cpu0);
                settled &= compileShare[s] <= 0.02;
            }
        }
        return String.format(Locale.ROOT, "warm-up: %d rounds at that rate%s; JIT share of CPU in the last turns: off-a %.1f %%, off-b %.1f %%, on %.1f %%",
                round, settled ? "" : " (JIT still busy: measuring anyway)", 100 * compileShare[0], 100 * compileShare[1], 100 * compileShare[2]);
    }

    /** {@code side}'s per-round values over {@code base}'s (-1: the mean of the two "off" sides). */
    private static PairedRatios ratios(String name, double[][] values, int side, int base, int[] setOfRound) {
        double[] r = new double[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            double b = base >= 0 ? values[base][i] : (values[OFF_A][i] + values[OFF_B][i]) / 2;
            r[i] = values[side][i] / b;
        }
        return new PairedRatios(name, r, setOfRound);
    }

    /**
     * CPU each thread group used in the "on" JVM and in off-b, each minus off-a: where the stream's cost
     * lands, next to what differs between two equal JVMs. Groups that differ by under 50 ms on both are
     * left out; the last line adds up every thread.
     */
    private static List<String> threadDifference(String heading, List<Map<String, Long>> used, java.util.function.LongFunction<String> format) {
        Map<String, Long> on = used.get(ON);
        Map<String, Long> offA = used.get(OFF_A);
        Map<String, Long> offB = used.get(OFF_B);
        Set<String> names = new HashSet<>(on.keySet());
        names.addAll(offA.keySet());
        names.addAll(offB.keySet());
        List<String> out = new ArrayList<>();
        out.add(heading);
        names.stream().filter(n -> Math.abs(diff(on, offA, n)) >= 50 || Math.abs(diff(offB, offA, n)) >= 50)
                .sorted((a, b) -> Long.compare(Math.abs(diff(on, offA, b)), Math.abs(diff(on, offA, a)))).limit(12)
                .forEach(n -> out.add(String.format(Locale.ROOT, "  %-16s %s | %s", n, format.apply(diff(on, offA, n)), format.apply(diff(offB, offA, n)))));
        long onAll = on.values().stream().mapToLong(Long::longValue).sum();
        long offAAll = offA.values().stream().mapToLong(Long::longValue).sum();
        long offBAll = offB.values().stream().mapToLong(Long::longValue).sum();
        out.add(String.format(Locale.ROOT, "  %-16s %s | %s", "all threads", format.apply(onAll - offAAll), format.apply(offBAll - offAAll)));
        return out;
    }

    private static long diff(Map<String, Long> a, Map<String, Long> b, String name) {
        return a.getOrDefault(name, 0L) - b.getOrDefault(name, 0L);
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
                AppProcess.Builder b = app("bench-start");
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
}
