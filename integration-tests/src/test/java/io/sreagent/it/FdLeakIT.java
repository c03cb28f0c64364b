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
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three readers of one file at once, ten reads a second each, on the default options: one keeps every
 * stream open, one drops them unclosed (the Cleaner closes them at some GC, so the descriptor count
 * stays flat), one closes them. fd-leak names both leaking lines with their evidence and not the
 * healthy one; later the descriptor count's steady rise is reported too, pointing at the held leak.
 */
class FdLeakIT {
    static final int RATE = 10;
    static final String SOURCE = ThreadLeakIT.source("FilesScenario");

    static List<Path> jdks() {
        return Jdks.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void unclosedStreamsAreReportedAtTheirOpeningLine(Path java) {
        try (AppProcess app = AppProcess.testApp().java(java).agent("report.dir=reports").name("fd-leak").start()) {
            app.awaitAgentStarted("premain");
            long started = System.nanoTime();
            assertEquals(200, app.get("/leak-files?mode=held&rate=" + RATE));
            assertEquals(200, app.get("/leak-files?mode=garbage&rate=" + RATE));
            assertEquals(200, app.get("/read-files?rate=" + RATE));
            int held = Project.markerLine(SOURCE, "fd-leak-site");
            int garbage = Project.markerLine(SOURCE, "fd-leak-garbage-site");
            int healthy = Project.markerLine(SOURCE, "fd-healthy-site");

            JsonNode report = app.awaitReport(Duration.ofSeconds(100),
                    r -> at(r, held) != null && at(r, garbage) != null, "fd-leak at both leaking lines");
            System.out.printf("fd-leak at both opening sites %d s after the leaks began%n", seconds(started));
            JsonNode h = at(report, held);
            assertSite(h, "readAndKeep", held);
            JsonNode he = h.path("evidence");
            assertEquals("FileInputStream", he.path("kind").asText());
            assertTrue(he.path("heldPastAge").asInt() >= 10, h.toString());
            assertEquals(30, he.path("ageSeconds").asInt());
            assertTrue(he.path("openNow").asInt() >= he.path("heldPastAge").asInt(), h.toString());
            assertEquals(0, he.path("closed").asInt(), h.toString());
            assertEquals(0, he.path("collectedWithoutClose").asInt(), h.toString());
            assertTrue(he.path("openPerMinute").asDouble() > 300 && he.path("openPerMinute").asDouble() < 1200, h.toString());
            assertEquals("warning", h.path("severity").asText());
            assertTrue(h.path("subject").asText().contains("FilesScenario.java:" + held), h.toString());

            JsonNode g = at(report, garbage);
            assertSite(g, "readAndDrop", garbage);
            JsonNode ge = g.path("evidence");
            assertTrue(ge.path("collectedWithoutCloseInWindow").asInt() >= 10, g.toString());
            assertEquals(0, ge.path("closed").asInt(), g.toString());
            assertTrue(g.path("title").asText().contains("garbage-collected without close()"), g.toString());

            assertNull(at(report, healthy), "the reader that closes its streams is no leak");
            JsonNode twin = openingSite(report, healthy);
            assertNotNull(twin, report.path("metrics").path("fd").toString());
            assertTrue(twin.path("opened").asInt() >= 100, twin.toString());
            assertTrue(twin.path("open").asInt() <= 1, twin.toString());
            assertEquals(0, twin.path("collectedWithoutClose").asInt(), twin.toString());
            for (JsonNode alarm : Reports.alarms(report)) {
                assertEquals("fd-leak", alarm.path("id").asText(), alarm.toString());
            }

            // The held streams raise the process's descriptor count by ten a second: judged from half of fd.window (5 min) on.
            JsonNode later = app.awaitReport(Duration.ofSeconds(150), r -> process(r) != null, "fd-leak of the process");
            System.out.printf("fd-leak of the process %d s after the leaks began%n", seconds(started));
            JsonNode p = process(later);
            JsonNode pe = p.path("evidence");
            assertTrue(pe.path("growth").asInt() >= 64, p.toString());
            assertTrue(pe.path("perMinute").asDouble() > 300 && pe.path("perMinute").asDouble() < 1200, p.toString());
            assertTrue(pe.path("minutesToLimit").asDouble() > 0, p.toString());
            assertTrue(pe.path("openByKind").path("file").asInt() >= 600, p.toString());
            assertEquals(held, p.path("site").path("line").asInt(), p.toString());
            assertNull(at(later, healthy));
        }
    }

    private static void assertSite(JsonNode f, String method, int line) {
        JsonNode site = f.path("site");
        assertEquals("com.example.shop.scenario.FilesScenario", site.path("class").asText(), f.toString());
        assertEquals(method, site.path("method").asText(), f.toString());
        assertEquals(line, site.path("line").asInt(), f.toString());
    }

    static JsonNode at(JsonNode report, int line) {
        for (JsonNode f : Reports.findings(report, "fd-leak")) {
            if (f.path("site").path("class").asText().endsWith("FilesScenario") && f.path("site").path("line").asInt() == line
                    && !f.path("subject").asText().equals("process")) {
                return f;
            }
        }
        return null;
    }

    static JsonNode process(JsonNode report) {
        for (JsonNode f : Reports.findings(report, "fd-leak")) {
            if (f.path("subject").asText().equals("process")) {
                return f;
            }
        }
        return null;
    }

    static JsonNode openingSite(JsonNode report, int line) {
        for (JsonNode s : report.path("metrics").path("fd").path("openingSites")) {
            if (s.path("site").asText().contains("FilesScenario.java:" + line)) {
                return s;
            }
        }
        return null;
    }

    private static long seconds(long since) {
        return (System.nanoTime() - since) / 1_000_000_000L;
    }
}
