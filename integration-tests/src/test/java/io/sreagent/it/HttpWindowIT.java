package io.sreagent.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.sreagent.it.support.AppProcess;
import io.sreagent.it.support.Jdks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongFunction;

import static io.sreagent.it.http.HttpReports.assertSite;
import static io.sreagent.it.http.HttpReports.finding;
import static io.sreagent.it.http.HttpReports.hasFinding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Route verdicts over the recent window, with the default options, in one run of about 3.5 minutes
 * driving four routes at once: one slow for its first 30 s then fast (no warning at the end), one fast
 * then slow for its last 30 s (flagged with the window's numbers), a healthy route with a cold first
 * render (never flagged), and a quiet route where every request takes 2 s (flagged by its median).
 * Both flagged routes name the line their requests sleep at, found by the slow-request sampler.
 */
class HttpWindowIT {
    private static final long RUN_MILLIS = 210_000;
    private static final long PHASE_MILLIS = 30_000;

    static List<Path> jdks() {
        return Jdks.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void verdictsFollowTheRecentWindow(Path java) throws Exception {
        try (AppProcess app = AppProcess.testApp().java(java).agent("report.dir=reports").name("http-window").start()) {
            long start = System.currentTimeMillis();
            ExecutorService drivers = Executors.newFixedThreadPool(6);
            List<Future<?>> running = new ArrayList<>();
            // Two callers each, so the slow phases hold 20+ requests.
            for (int i = 0; i < 2; i++) {
                running.add(drivers.submit(() -> drive(app, start, 100,
                        t -> "/phase/early?ms=" + (t < PHASE_MILLIS ? 1500 : 5))));
                running.add(drivers.submit(() -> drive(app, start, 100,
                        t -> "/phase/late?ms=" + (t >= RUN_MILLIS - PHASE_MILLIS ? 1500 : 5))));
            }
            running.add(drivers.submit(() -> drive(app, start, 200, t -> "/cold-start")));
            running.add(drivers.submit(() -> drive(app, start, 16_000, t -> "/phase/always?ms=2000")));
            for (Future<?> f : running) {
                f.get();
            }
            drivers.shutdown();

            // The last slow requests reach a verdict at the next evaluation (10 s).
            JsonNode report = app.awaitReport(Duration.ofSeconds(30),
                    r -> hasFinding(r, "slow-endpoint", "route", "/phase/late"), "slow-endpoint for /phase/late");

            JsonNode late = finding(report, "slow-endpoint", "route", "/phase/late");
            JsonNode e = late.path("evidence");
            assertEquals("GET /phase/late", late.path("subject").asText(), late.toString());
            assertEquals(120, e.path("windowSeconds").asLong(), late.toString());
            assertEquals("tail", e.path("judged").asText(), late.toString());
            assertTrue(e.path("p99Ms").asDouble() >= 1490, late.toString());
            assertTrue(e.path("requests").asLong() >= 20, late.toString());
            assertEquals(120, late.path("windowSeconds").asLong(), late.toString());
            // the slow-request sampler caught the slow requests in the handler's own sleep: that line is the site
            assertSite(late, "PhaseScenario", "doGet", "phase-site");
            assertTrue(e.path("slowRequestSamples").asLong() >= 100,
                    "20 or more 1.5 s requests, each seen about 10 times past 500 ms: " + late);
            assertEquals(100.0, e.path("slowRequestSiteSharePercent").asDouble(), late.toString());
            assertEquals(1, e.path("slowRequestSites").size(), late.toString());
            assertTrue(late.path("stack").toString().contains("Thread.sleep"), late.toString());

            JsonNode always = finding(report, "slow-endpoint", "route", "/phase/always");
            assertTrue(always.path("evidence").path("p50Ms").asDouble() >= 1990, always.toString());
            assertTrue(always.path("evidence").path("requests").asLong() >= 5, always.toString());
            assertSite(always, "PhaseScenario", "doGet", "phase-site");

            // Slow 3 minutes ago, fast since: at most the finding log's recovered info.
            for (String route : List.of("/phase/early", "/cold-start")) {
                for (JsonNode f : report.path("findings")) {
                    if (f.path("id").asText().equals("slow-endpoint")
                            && f.path("evidence").path("route").asText().equals(route)) {
                        assertEquals("info", f.path("severity").asText().toLowerCase(), f.toString());
                    }
                }
            }
            System.out.println("http-window run took " + (System.currentTimeMillis() - start) / 1000 + " s; slow-request sampler: "
                    + report.path("metrics").path("http").path("slowRequestSampler"));
        }
    }

    /** Sends requests one after another until the run ends, pausing {@code gapMillis} between them. */
    private static void drive(AppProcess app, long start, long gapMillis, LongFunction<String> path) {
        long t;
        while ((t = System.currentTimeMillis() - start) < RUN_MILLIS) {
            app.get(path.apply(t));
            try {
                Thread.sleep(gapMillis);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
