package io.sreagent.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.sreagent.it.support.AppProcess;
import io.sreagent.it.support.Reports;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A class a weaving matches but cannot rewrite (here an OkHttp whose RealCall lacks the fields the advice
 * reads) is named in an info finding and counted in metrics.agent.weavings; the application runs on.
 */
class WeavingFailuresIT {

    @Test
    void aWeavingThatCannotRewriteAClassSaysWhichAndWhy() {
        try (AppProcess app = AppProcess.mainClass("io.sreagent.it.apps.IncompatibleOkHttpApp")
                .agent("report.dir=reports").noPort().name("weaving").start()) {
            app.awaitStdout("incompatible-okhttp ready: response from http://127.0.0.1:1/");
            // The failure is counted when the class loads, which may be before the classes loaded earlier are rewoven.
            JsonNode report = app.awaitReport(Duration.ofSeconds(60), r -> Reports.has(r, "weaving-failed")
                    && r.path("metrics").path("agent").path("woven").asBoolean(), "weaving-failed, once woven");
            JsonNode f = Reports.findings(report, "weaving-failed").get(0);
            assertEquals("info", f.path("severity").asText());
            JsonNode e = f.path("evidence");
            assertEquals("http:okhttp", e.path("weaving").asText(), f.toString());
            assertEquals(1, e.path("failures").asLong(), f.toString());
            assertEquals("okhttp3.RealCall", e.path("failedClasses").get(0).asText(), f.toString());
            assertTrue(e.path("lastError").asText().startsWith("okhttp3.RealCall: "), f.toString());
            assertTrue(e.path("lastError").asText().contains("client"), "the error names the missing field: " + f);
            assertEquals(1, Reports.findings(report, "weaving-failed").size(), "only the OkHttp weaving failed: " + report);

            JsonNode weavings = report.path("metrics").path("agent").path("weavings");
            assertEquals(1, weavings.path("http:okhttp").path("failures").asLong(), weavings.toString());
            assertTrue(weavings.path("threads:thread-start").path("woven").asLong() >= 1, weavings.toString());
            for (Iterator<Map.Entry<String, JsonNode>> it = weavings.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> w = it.next();
                if (!w.getKey().equals("http:okhttp")) {
                    assertEquals(0, w.getValue().path("failures").asLong(), w.getKey() + ": " + weavings);
                }
            }
            assertTrue(app.isAlive(), "the application runs on");
        }
    }
}
