package io.sreagent.it.bench;

import io.sreagent.it.support.AppProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What recording JFR's events costs while it runs, measured inside one JVM: JfrOverheadBench compares
 * JVMs, and equal JVMs differ by up to 7 % for their whole life, more than the cost sought. Here one
 * test-app JVM (the agent with {@code instrument.jfr=off}) takes turns under the same fixed request rate
 * with and without a JDK recording of the agent's events at the agent's settings, started and stopped
 * with jcmd, so what one JVM differs by cancels out. Each measured turn follows a settling turn in the
 * same state (starting and stopping a recording costs the JVM a moment). Per round the ratio of CPU per
 * request with the recording to without; rounds are shared out over {@code -Dbench.jvms} fresh JVMs.
 *
 * <p>What it leaves out, by design: the agent's own reading of the events (its {@code sre-agent-jfr}
 * thread, which JfrOverheadBench measures per thread), and what JFR costs once it has run at all and
 * stays after a recording stops (on JDK 17 the JDK's file, socket and exception classes are
 * retransformed at JFR's first start): the difference between the two benches is that part. Parks are
 * left out as the agent records them only while a lock is contended.
 *
 * <p>{@code mvn -B -pl agent,agent-test-app,integration-tests -am verify -Dtest=JfrToggleBench -Dbench=jfr-toggle -Dsurefire.failIfNoSpecifiedTests=false}
 * with {@code -Dbench.rounds=N} (40), {@code -Dbench.jvms=K} (2), {@code -Dbench.seconds=S} (4),
 * {@code -Dbench.jfc=path} (another settings file). Output in target/jfr-toggle.txt.
 */
@EnabledIfSystemProperty(named = "bench", matches = "jfr-toggle")
class JfrToggleBench {
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 40);
    private static final int JVMS = Math.max(1, Math.min(ROUNDS, Integer.getInteger("bench.jvms", 2)));
    private static final double SECONDS = Double.parseDouble(System.getProperty("bench.seconds", "4"));
    private static final String RECORDING = "sre-toggle";
    /** The agent's events at its default settings (JfrSettings), parks aside. */
    private static final String AGENT_EVENTS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <configuration version="2.0" label="sre-agent stream">
              <event name="jdk.CPULoad"><setting name="enabled">true</setting><setting name="period">1 s</setting></event>
              <event name="jdk.ThreadCPULoad"><setting name="enabled">true</setting><setting name="period">10 s</setting></event>
              <event name="jdk.ExecutionSample"><setting name="enabled">true</setting><setting name="period">100 ms</setting></event>
              <event name="jdk.GarbageCollection"><setting name="enabled">true</setting><setting name="threshold">0 ms</setting></event>
              <event name="jdk.ObjectAllocationSample"><setting name="enabled">true</setting><setting name="throttle">20/s</setting><setting name="stackTrace">false</setting></event>
              <event name="jdk.JavaMonitorEnter"><setting name="enabled">true</setting><setting name="threshold">20 ms</setting><setting name="stackTrace">true</setting></event>
              <event name="jdk.ExceptionStatistics"><setting name="enabled">true</setting><setting name="period">10 s</setting></event>
            </configuration>
            """;

    private final HttpLoad load = new HttpLoad();

    @Test
    void recordingTheAgentsEventsInOneJvm() throws Exception {
        Path jfc = System.getProperty("bench.jfc") != null ? Path.of(System.getProperty("bench.jfc")) : Path.of("target", "sre-agent-events.jfc");
        if (System.getProperty("bench.jfc") == null) {
            Files.writeString(jfc, AGENT_EVENTS);
        }
        boolean pinned = ProcCpu.pin(ProcessHandle.current().pid(), 0);
        List<String> out = new ArrayList<>();
        double[] ratios = new double[ROUNDS];
        int[] setOfRound = new int[ROUNDS];
        double[][] cpuPerRequest = new double[2][ROUNDS];
        long[] jfrThreadsMillis = new long[2];
        int rate = 0;
        int round = 0;
        for (int set = 0; set < JVMS; set++) {
            int rounds = ROUNDS * (set + 1) / JVMS - ROUNDS * set / JVMS;
            try (AppProcess app = AppProcess.testApp().name("bench-jfr-toggle").agent("report.dir=reports,report.interval=off,instrument.jfr=off").start()) {
                pinned &= ProcCpu.pin(app.pid(), 1);
                load.saturate(app.port(), 8, 15);
                if (set == 0) {
                    rate = (int) Math.max(50, load.saturate(app.port(), 8, 5) / 2);
                    out.add(String.format(Locale.ROOT, "JFR recording toggled in one JVM: %d rounds of %.1f s turns over %d JVM(s), %d requests/s open loop, "
                                    + "settings %s, Java %s, %s", ROUNDS, SECONDS, JVMS, rate, jfc, System.getProperty("java.version"),
                            pinned ? "app pinned to CPU 1, load generator to CPU 0" : "not pinned"));
                    out.add("round: CPU us/request without, with the recording");
                }
                // The first start of JFR retransforms JDK classes and compiles its code: done before measuring.
                jcmd(app.pid(), "JFR.start", "name=" + RECORDING, "settings=" + jfc.toAbsolutePath(), "disk=true", "maxage=2m", "maxsize=32m");
                warmUp(app, rate);
                jcmd(app.pid(), "JFR.stop", "name=" + RECORDING);
                warmUp(app, rate);
                for (int i = 0; i < rounds; i++, round++) {
                    setOfRound[round] = set;
                    // Alternate which state goes first, so a drift within a round does not favour one.
                    for (int state : round % 2 == 0 ? new int[]{0, 1} : new int[]{1, 0}) {
                        if (state == 1) {
                            jcmd(app.pid(), "JFR.start", "name=" + RECORDING, "settings=" + jfc.toAbsolutePath(), "disk=true", "maxage=2m", "maxsize=32m");
                        }
                        load.fixedRate(app.port(), rate, SECONDS); // settle
                        Map<String, Long> threads0 = ProcCpu.byThreadName(app.pid());
                        long cpu0 = ProcCpu.processMillis(app.pid());
                        HttpLoad.Result turn = load.fixedRate(app.port(), rate, SECONDS);
                        long cpu = ProcCpu.processMillis(app.pid()) - cpu0;
                        jfrThreadsMillis[state] += jfrThreads(ProcCpu.byThreadName(app.pid())) - jfrThreads(threads0);
                        if (state == 1) {
                            jcmd(app.pid(), "JFR.stop", "name=" + RECORDING);
                        }
                        if (turn.failures() > 0) {
                            throw new AssertionError(turn.failures() + " requests failed, first: " + turn.firstFailure() + "\n" + app.logs());
                        }
                        cpuPerRequest[state][round] = cpu * 1000.0 / turn.requests();
                    }
                    ratios[round] = cpuPerRequest[1][round] / cpuPerRequest[0][round];
                    out.add(String.format(Locale.ROOT, "%2d: %6.1f %6.1f", round + 1, cpuPerRequest[0][round], cpuPerRequest[1][round]));
                }
            }
        }
        out.add("CPU per request, per-round ratio: " + new PairedRatios("with / without the recording", ratios, setOfRound));
        double measuredSeconds = ROUNDS * SECONDS;
        out.add(String.format(Locale.ROOT, "JFR's own threads in the measured turns: without %.2f %%, with %.2f %% of a core",
                jfrThreadsMillis[0] / measuredSeconds / 10, jfrThreadsMillis[1] / measuredSeconds / 10));
        out.forEach(System.out::println);
        Files.write(Path.of("target", "jfr-toggle.txt"), out);
    }

    /** Turns at the rate until the JIT uses under 2 % of the JVM's CPU in one (at most 20). */
    private void warmUp(AppProcess app, int rate) throws Exception {
        for (int i = 0; i < 20; i++) {
            long compile0 = ProcCpu.compilerMillis(app.pid());
            long cpu0 = ProcCpu.processMillis(app.pid());
            load.fixedRate(app.port(), rate, SECONDS);
            if (ProcCpu.compilerMillis(app.pid()) - compile0 <= 0.02 * (ProcCpu.processMillis(app.pid()) - cpu0)) {
                return;
            }
        }
    }

    private static long jfrThreads(Map<String, Long> byName) {
        return byName.entrySet().stream().filter(e -> e.getKey().startsWith("JFR")).mapToLong(Map.Entry::getValue).sum();
    }

    private static void jcmd(long pid, String... command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        List<String> args = new ArrayList<>(List.of("taskset", "-c", "0", jcmd.toString(), Long.toString(pid)));
        args.addAll(List.of(command));
        Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0 || said.contains("Could not") || said.contains("Exception")) {
            throw new IllegalStateException("jcmd " + String.join(" ", command) + ": " + said);
        }
    }
}
