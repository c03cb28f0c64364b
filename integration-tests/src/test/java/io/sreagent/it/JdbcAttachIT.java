package io.sreagent.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.sreagent.it.support.AppProcess;
import io.sreagent.it.support.CliRun;
import io.sreagent.it.support.Jdks;
import io.sreagent.it.support.Reports;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Attached late to a JVM whose HikariCP pool already runs, with the default (sampled) stack capture:
 * a leak made after attaching is found, and once it is seen without a site every later acquisition
 * carries its stack, so the next leaks name the exact line. The pool's own connections, opened
 * before the attach, are never reported.
 */
class JdbcAttachIT {

    static List<Path> jdks() {
        return Jdks.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void leakAfterLateAttachIsFoundWithItsSite(Path java) {
        try (AppProcess app = AppProcess.testApp().java(java).name("jdbc-attach").start()) {
            for (int i = 0; i < 20; i++) {
                assertEquals(200, app.get("/orders"));
            }
            CliRun.with(java, "attach", Long.toString(app.pid()),
                    "report.dir=reports,evaluate.interval=500ms,jdbc.leak.threshold=2s").expectSuccess();
            AppProcess.await(Duration.ofSeconds(30), () -> {
                app.get("/orders");
                return app.report().path("metrics").path("jdbc").path("connections").path("closed").asInt() > 0;
            }, "the agent to see connections");

            assertEquals(200, app.get("/leak-connection?n=1&hold=true"));
            // One acquisition in 256 has its stack sampled: the first leak names its site only by chance. When it
            // does not, the periodic step that follows (evaluate.interval) switches capture to every acquisition;
            // an on-demand report built in between may show the leak with capture still sampled.
            JsonNode first = app.awaitReport(Duration.ofSeconds(30), r -> Reports.has(r, "connection-leak")
                    && (JdbcChecks.leakAtLeakSite(r).isPresent() || stackCapture(r).equals("always")), "a first connection-leak");
            boolean firstHadSite = JdbcChecks.leakAtLeakSite(first).isPresent();
            assertEquals(firstHadSite ? "sampled" : "always", stackCapture(first), first.toString());
            assertEquals(200, app.get("/leak-connection?n=2&hold=true"));
            JsonNode report = app.awaitReport(Duration.ofSeconds(30), r -> {
                int held = 0;
                for (JsonNode leak : Reports.findings(r, "connection-leak")) {
                    held += leak.path("evidence").path("heldNow").asInt();
                }
                return held == 3 && JdbcChecks.leakAtLeakSite(r).isPresent();
            }, "three leaked connections, with their site");
            JsonNode f = JdbcChecks.leakAtLeakSite(report).orElseThrow();
            assertEquals("warning", f.path("severity").asText(), f.toString());
            JdbcChecks.assertSite(f, JdbcChecks.LEAK_SOURCE, "leak-site");
            int withSite = f.path("evidence").path("heldNow").asInt();
            assertTrue(firstHadSite ? withSite >= 1 : withSite == 2, f.toString());
            assertTrue(f.path("stack").size() > 2, f.toString());
            assertEquals("agentmain", report.path("jvm").path("loadedBy").asText());
        }
    }

    private static String stackCapture(JsonNode report) {
        return report.path("metrics").path("jdbc").path("connections").path("stackCapture").asText();
    }
}
