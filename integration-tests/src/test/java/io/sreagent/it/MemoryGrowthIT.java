package io.sreagent.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.sreagent.it.support.AppProcess;
import io.sreagent.it.support.Jdks;
import io.sreagent.it.support.Project;
import io.sreagent.it.support.Reports;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * memory-growth on the default options, two test apps side by side (each under -Xmx256m, with the
 * same light order traffic): one leaks about 1 MB/s into a static history and must get a critical
 * finding within 60 s naming the leaking line; the other warms a bounded 32 MB cache over 20 s after
 * start-up (the start-up window, the default 2 min, is not judged fast) and must stay free of any memory-growth finding (and any alarm) for three minutes.
 * JDK 17 and 25.
 */
class MemoryGrowthIT {
    private static final String LEAK_SOURCE = "com/example/shop/scenario/MemoryLeakScenario.java";

    static List<Path> jdks() {
        return Jdks.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aLeakIsCriticalWithinAMinuteAtItsLineAndAWarmingCacheIsNot(Path java) throws Exception {
        try (AppProcess warm = AppProcess.testApp().java(java).name("memory-warm").agent("report.dir=reports").start();
             AppProcess leak = AppProcess.testApp().java(java).name("memory-leak").agent("report.dir=reports").start()) {
            long warmStart = System.nanoTime();
            AtomicBoolean done = new AtomicBoolean();
            Thread traffic = new Thread(() -> {
                int i = 0;
                while (!done.get()) {
                    for (AppProcess app : List.of(warm, leak)) {
                        if (app.isAlive()) {
                            app.get(i % 2 == 0 ? "/orders" : "/orders/" + (1 + i % 500));
                        }
                    }
                    i++;
                    sleep(50);
                }
            });
            traffic.start();
            try {
                assertEquals(202, warm.get("/warm-cache?mb=32&seconds=20"));
                sleep(120_000); // the leak starts on a service that has been up and serving past its start-up window
                assertEquals(202, leak.get("/memory-leak?seconds=150"));
                Instant leakStart = Instant.now();

                JsonNode report = poll(leak, Duration.ofSeconds(100), r -> Reports.findings(r, "memory-growth").stream()
                        .anyMatch(f -> f.path("severity").asText().equals("critical") && f.has("site")));
                JsonNode f = Reports.findings(report, "memory-growth").get(0);
                long detectedSeconds = Duration.between(leakStart, Instant.parse(f.path("firstSeen").asText())).toSeconds();
                System.out.println("[memory-growth-it] " + java + ": critical " + detectedSeconds + " s after the leak started: " + f.path("evidence"));
                assertTrue(detectedSeconds <= 60, "critical within 60 s of the leak's start, was " + detectedSeconds + " s: " + f);
                assertEquals("heap", f.path("subject").asText(), f.toString());
                JsonNode e = f.path("evidence");
                assertTrue(e.path("slopeMbPerMinute").asDouble() > 15 && e.path("slopeMbPerMinute").asDouble() < 150, "about 60 MB/min, less while the window still holds the flat start: " + e);
                assertTrue(e.path("correlation").asDouble() >= 0.9, e.toString());
                assertTrue(e.path("maxMb").asLong() > 200 && e.path("maxMb").asLong() <= 256, e.toString());
                assertTrue(e.path("minutesToFull").asDouble() > 0.5 && e.path("minutesToFull").asDouble() <= 10, "256 MB at 1 MB/s: " + e);
                assertTrue(e.path("points").asInt() >= 6, e.toString());
                assertTrue(e.path("windowSeconds").asInt() <= 120, e.toString());
                JsonNode site = f.path("site");
                assertEquals("com.example.shop.scenario.MemoryLeakScenario", site.path("class").asText(), f.toString());
                assertEquals("MemoryLeakScenario.java", site.path("file").asText(), f.toString());
                assertEquals(Project.markerLine(LEAK_SOURCE, "// memory-growth-site"), site.path("line").asInt(), f.toString());

                // The warm cache filled within its first 20 s; three minutes of it must hold no memory-growth at all.
                assertNoMemoryGrowth(warm.report());
                while (System.nanoTime() - warmStart < Duration.ofMinutes(3).toNanos()) {
                    assertNoMemoryGrowth(warm.report());
                    sleep(30_000);
                }
                JsonNode last = warm.report();
                assertNoMemoryGrowth(last);
                assertEquals(List.of(), Reports.alarms(last), "the warm-up run raised alarms:\n" + last.toPrettyString());
                assertTrue(last.path("metrics").path("memoryGrowth").path("recentPoints").asInt() >= 6,
                        "the warm-up run was judged on collections: " + last.path("metrics").path("memoryGrowth"));
            } finally {
                done.set(true);
                traffic.join();
            }
        }
    }

    /** Any memory-growth finding, active or recovered, is a false alarm in the warm-up run. */
    private static void assertNoMemoryGrowth(JsonNode report) {
        assertEquals(List.of(), Reports.findings(report, "memory-growth"),
                "warm-up is no leak: " + report.path("metrics").path("memoryGrowth"));
        assertEquals(List.of(), Reports.recovered(report, "memory-growth"),
                "warm-up was never a leak: " + report.path("metrics").path("memoryGrowth"));
    }

    /** The report every 5 s (each fetch starts a CLI JVM, so not more often) until the condition holds. */
    private static JsonNode poll(AppProcess app, Duration timeout, java.util.function.Predicate<JsonNode> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = app.report();
            if (condition.test(last)) {
                return last;
            }
            sleep(5_000);
        }
        throw new AssertionError("no critical memory-growth with a site in " + timeout.toSeconds() + " s; last report:\n"
                + (last == null ? "none" : last.toPrettyString()) + "\n" + app.logs());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
