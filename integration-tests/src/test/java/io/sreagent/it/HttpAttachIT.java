package io.sreagent.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.sreagent.it.http.FakeUpstream;
import io.sreagent.it.http.Load;
import io.sreagent.it.support.AppProcess;
import io.sreagent.it.support.CliRun;
import io.sreagent.it.support.Jdks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.sreagent.it.http.HttpReports.endpoint;
import static io.sreagent.it.http.HttpReports.external;
import static io.sreagent.it.http.HttpReports.externalFinding;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Attached late to a test app that already served traffic: the servlet, HttpURLConnection and
 * java.net.http classes, loaded before the agent came, are rewoven and measured from then on.
 */
class HttpAttachIT {

    static List<Path> jdks() {
        return Jdks.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void lateAttachSeesInboundAndOutbound(Path java) throws Exception {
        try (FakeUpstream upstream = new FakeUpstream();
             AppProcess app = AppProcess.testApp().java(java).appArgs("--upstream", upstream.url())
                     .name("http-attach").start()) {
            // Load every class the feature weaves before the agent exists.
            Load.send(app, 5, 2, 200, i -> "/orders/" + (i + 1));
            Load.send(app, 2, 1, 200, i -> "/no-timeout");
            Load.send(app, 2, 1, 200, i -> "/external-slow");

            CliRun.with(java, "attach", Long.toString(app.pid()), "report.dir=reports,evaluate.interval=500ms").expectSuccess();
            // The agent logs its start after reweaving the loaded classes; only then does it answer reports.
            app.awaitAgentStarted("agentmain");
            String host = "127.0.0.1:" + upstream.port();
            JsonNode report = app.awaitReport(Duration.ofSeconds(60), r -> {
                app.get("/health");
                return endpoint(r, "GET", "/health").path("requests").asLong() > 0;
            }, "requests seen after attach");

            Load.send(app, 30, 3, 200, i -> "/orders/" + (i + 1));
            Load.send(app, 6, 2, 200, i -> "/no-timeout");
            Load.send(app, 6, 2, 200, i -> "/external-slow");
            report = app.awaitReport(Duration.ofSeconds(20),
                    r -> external(r, "java.net.http", "GET", host).path("calls").asLong() == 6, "the calls after attach");
            assertEquals(30, endpoint(report, "GET", "/orders/{id}").path("requests").asLong(), report.toPrettyString());
            assertEquals(6, external(report, "HttpURLConnection", "GET", host).path("calls").asLong());
            assertEquals(6, externalFinding(report, "missing-timeout", host, "HttpURLConnection")
                    .path("evidence").path("withoutReadTimeout").asLong());
        }
    }
}
