package io.sreagent.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.sreagent.it.support.AppProcess;
import io.sreagent.it.support.Reports;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Periodic, threshold and shutdown report files: names, permissions, atomic writes, retention, cool-down. */
class ReportFilesIT {
    private static final String NAME = "sre-agent-\\d{8}T\\d{6}\\.\\d{3}Z-pid\\d+-(periodic|threshold|shutdown|on-demand)\\.(json|txt)";

    @Test
    void periodicFilesAppearAndObeyRetention() throws Exception {
        try (AppProcess app = AppProcess.testApp().agent("report.dir=reports,report.interval=500ms,report.keep=3,report.formats=json,text")
                .name("periodic").start()) {
            Path dir = app.workDir().resolve("reports");
            AppProcess.await(Duration.ofSeconds(30), () -> app.stderr().lines().filter(l -> l.contains("periodic report written")).count() >= 6,
                    "six periodic reports");
            // Reports keep coming every 500 ms and the oldest are pruned meanwhile: judge a snapshot taken
            // between two writes (both formats listed alike), and skip a file pruned while it is looked at.
            List<Path>[] listed = new List[2];
            AppProcess.await(Duration.ofSeconds(10), () -> {
                listed[0] = Reports.files(dir, ".json");
                listed[1] = Reports.files(dir, ".txt");
                return stems(listed[0]).equals(stems(listed[1]));
            }, "every report in both formats");
            List<Path> json = listed[0];
            assertTrue(json.size() <= 3 && json.size() >= 2, "retention keeps at most 3 reports: " + json);
            try (var all = Files.list(dir)) {
                for (Path p : all.toList()) {
                    assertTrue(p.getFileName().toString().matches(NAME), "no temp or stray files: " + p);
                    try {
                        assertEquals(Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                                java.nio.file.attribute.PosixFilePermission.OWNER_WRITE), Files.getPosixFilePermissions(p), p.toString());
                    } catch (java.nio.file.NoSuchFileException pruned) {
                        // retention deleted it after the listing: nothing left to check
                    }
                }
            }
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
            JsonNode r = Reports.read(json.get(json.size() - 1)); // the newest: three more writes before it is pruned
            assertEquals("sre-agent/report/v1", r.path("schema").asText());
            assertEquals("periodic", r.path("trigger").path("kind").asText());
            assertEquals(app.pid(), r.path("jvm").path("pid").asLong());
            assertEquals("premain", r.path("jvm").path("loadedBy").asText());
            assertTrue(r.path("metrics").path("threads").path("live").asInt() > 5);
            assertTrue(r.path("metrics").path("memory").path("heapMaxMb").asInt() > 0);
            assertTrue(json.get(json.size() - 1).getFileName().toString().contains("-pid" + app.pid() + "-periodic"));
        }
    }

    @Test
    void newCriticalFindingWritesAReportWithinTwoEvaluationsAndCooldownHoldsTheNext() {
        long evaluateMs = 1000;
        try (AppProcess app = AppProcess.testApp()
                .agent("report.dir=reports,report.interval=off,evaluate.interval=" + evaluateMs + "ms,trigger.cooldown=1h")
                .name("threshold").start()) {
            Path dir = app.workDir().resolve("reports");
            // Evaluations start once the agent has started, after weaving, which takes a while on a busy machine.
            app.awaitAgentStarted("premain");
            Instant before = Instant.now();
            assertEquals(202, app.get("/deadlock"));
            AppProcess.await(Duration.ofSeconds(20), () -> !Reports.files(dir, "threshold.json").isEmpty(), "a threshold report");
            JsonNode r = Reports.read(Reports.files(dir, "threshold.json").get(0));
            Instant generated = Instant.parse(r.path("generatedAt").asText());
            long lagMs = Duration.between(before, generated).toMillis();
            assertTrue(lagMs <= 2 * evaluateMs + 250, "threshold report " + lagMs + " ms after the deadlock, more than two evaluations");
            assertEquals("threshold", r.path("trigger").path("kind").asText());
            assertTrue(r.path("trigger").path("reason").asText().contains("deadlock"), r.toString());
            assertTrue(Reports.has(r, "deadlock"));
            // Usually inside jfr.delay: the report says whether a recording was saved beside it, and it is so.
            String dump = r.path("metrics").path("jfr").path("dumpBesideThresholdReports").asText();
            if (dump.startsWith("none yet")) {
                sleep(1000);
                assertTrue(Reports.files(dir, "threshold.jfr").isEmpty(), "no recording, as the report said");
            } else {
                assertEquals("on", dump, r.toString());
                AppProcess.await(Duration.ofSeconds(20), () -> !Reports.files(dir, "threshold.jfr").isEmpty(), "the recording beside it");
            }

            // A second, different deadlock inside the cool-down is not written at once.
            assertEquals(202, app.get("/deadlock-locks"));
            AppProcess.await(Duration.ofSeconds(20), () -> app.report().path("findings").size() >= 2, "the second deadlock");
            sleep(3 * evaluateMs);
            assertEquals(1, Reports.files(dir, "threshold.json").size(), "cool-down holds the second threshold report");
        }
    }

    @Test
    void normalShutdownWritesAFinalReport() {
        AppProcess app = AppProcess.testApp().agent("report.dir=reports,report.formats=json").name("shutdown").start();
        assertEquals(200, app.get("/orders"));
        app.stop();
        List<Path> files = Reports.files(app.workDir().resolve("reports"), "shutdown.json");
        assertEquals(1, files.size(), app.logs());
        JsonNode r = Reports.read(files.get(0));
        assertEquals("shutdown", r.path("trigger").path("kind").asText());
        assertEquals(0, Reports.files(app.workDir().resolve("reports"), ".txt").size(), "formats=json writes no text");
    }

    private static String stem(Path p) {
        String n = p.getFileName().toString();
        return n.substring(0, n.lastIndexOf('.'));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Set<String> stems(List<Path> files) {
        return files.stream().map(ReportFilesIT::stem).collect(Collectors.toSet());
    }
}
