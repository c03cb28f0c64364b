package io.sreagent.it;

import com.example.overhead.HttpOverheadProbe;
import com.fasterxml.jackson.databind.JsonNode;
import io.sreagent.it.support.AppProcess;
import io.sreagent.it.support.Reports;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.sreagent.it.http.HttpReports.endpoint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The HTTP feature's added cost per inbound request and per outbound call: {@link HttpOverheadProbe}
 * runs in fresh JVMs without and with the agent, alternately, and the best figure of each side is
 * compared. Opt-in ({@code -Dit.overhead=true}): it takes a few minutes and its numbers mean something
 * only on a quiet machine. Results go to stdout and {@code target/http-overhead.txt}; the test fails
 * only when the agent did not observe every operation that was timed (so the with-agent numbers
 * really include the advice).
 */
@Isolated("its CPU figures need the machine to itself")
class HttpOverheadIT {
    private static final int OUTBOUND_OPS = 3000;
    private static final int PAIRS = 2;

    @Test
    void measureAddedCostPerRequestAndCall() throws Exception {
        assumeTrue(Boolean.getBoolean("it.overhead"), "opt-in: run with -Dit.overhead=true");
        Map<String, Long> without = new LinkedHashMap<>();
        Map<String, Long> with = new LinkedHashMap<>();
        for (int pair = 0; pair < PAIRS; pair++) {
            merge(without, run(false));
            merge(with, run(true));
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%-24s %14s %14s %12s%n", "path", "without (ns)", "with (ns)", "added (ns)"));
        without.forEach((name, base) -> out.append(String.format(Locale.ROOT, "%-24s %14d %14d %12d%n",
                name, base, with.get(name), with.get(name) - base)));
        System.out.print(out);
        Files.writeString(Path.of("target", "http-overhead.txt"), out);
    }

    private static Map<String, Long> run(boolean agent) throws Exception {
        AppProcess.Builder b = AppProcess.mainClass(HttpOverheadProbe.class.getName())
                .appArgs(Integer.toString(OUTBOUND_OPS)).noPort().name(agent ? "overhead-agent" : "overhead-plain");
        if (agent) {
            b.agent("report.dir=reports,report.interval=off,trigger.threshold=off,log.level=warn");
        }
        try (AppProcess app = b.start()) {
            AppProcess.await(Duration.ofMinutes(10), () -> !app.isAlive(), "the probe to finish");
            Map<String, Long> m = new LinkedHashMap<>();
            for (String line : app.stdout().strip().split("\n")) {
                String[] parts = line.trim().split(" ");
                m.put(parts[0], Long.parseLong(parts[1]));
            }
            assertEquals(3, m.size(), app.logs());
            if (agent) {
                List<Path> reports = Reports.files(app.workDir().resolve("reports"), "shutdown.json");
                JsonNode report = Reports.read(reports.get(reports.size() - 1));
                assertEquals(7L * 200_000, endpoint(report, "GET", "/items/{id}").path("requests").asLong());
                long calls = 0;
                for (JsonNode e : report.path("metrics").path("http").path("external")) {
                    calls += e.path("calls").asLong();
                }
                assertEquals(2L * 7 * OUTBOUND_OPS, calls, "every outbound call observed");
            }
            return m;
        }
    }

    private static void merge(Map<String, Long> best, Map<String, Long> run) {
        run.forEach((k, v) -> best.merge(k, v, Math::min));
    }
}
