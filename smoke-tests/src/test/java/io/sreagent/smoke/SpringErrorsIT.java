package io.sreagent.smoke;

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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A domain exception that the app's @RestControllerAdvice turns into a 500: it never leaves the
 * servlet, yet the route's 5xx share over the window makes an endpoint-errors finding.
 */
class SpringErrorsIT {

    static List<Path> jdks() {
        return Jdks.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aFiveHundredFromTheControllerAdviceIsAnEndpointError(Path java) {
        try (AppProcess app = AppProcess.testApp().java(java).name("smoke-errors").agent("report.dir=reports").start()) {
            app.awaitAgentStarted("premain");
            Traffic traffic = new Traffic(app);
            traffic.rounds(5);
            // 200 invoices, 4 of them for visits the offline legacy billing holds (every tenth): 2 % of 5xx.
            for (int i = 0; i < 200; i++) {
                boolean legacy = i % 50 == 49;
                long visit = legacy ? 10L * (1 + i / 50) : 1 + (i % 9);
                traffic.get(Traffic.INVOICE, "/visits/" + visit + "/invoice", legacy ? 500 : 200);
            }
            assertEquals(List.of(), traffic.unexpected());

            // The finding may come at an evaluation during the 200 requests: wait for the one that saw them all.
            JsonNode report = app.awaitReport(Duration.ofSeconds(40), r -> Reports.findings(r, "endpoint-errors").stream()
                    .anyMatch(x -> x.path("evidence").path("requests").asLong() == 200), "an endpoint-errors finding over the 200 requests");
            List<JsonNode> found = Reports.findings(report, "endpoint-errors");
            assertEquals(1, found.size(), found.toString());
            JsonNode f = found.get(0);
            assertEquals("warning", f.path("severity").asText(), "2 % is over the 0.1 % budget, under the 5 % of critical: " + f);
            assertEquals("GET /visits/{id}/invoice", f.path("subject").asText());
            JsonNode ev = f.path("evidence");
            assertEquals("/visits/{id}/invoice", ev.path("route").asText());
            assertEquals(200, ev.path("requests").asLong(), ev.toString());
            assertEquals(4, ev.path("serverErrors").asLong(), ev.toString());
            assertEquals(2.0, ev.path("errorRatePercent").asDouble(), 1e-9, ev.toString());
            assertEquals(0.1, ev.path("budgetPercent").asDouble(), 1e-9, ev.toString());
            assertEquals(120, ev.path("windowSeconds").asLong(), ev.toString());

            // The exception never leaves Spring (the @RestControllerAdvice maps it): its site is still the throw line,
            // learned from HandlerExceptionResolver.resolveException.
            System.out.println("endpoint-errors on " + java + ": " + f);
            assertEquals("handled", ev.path("siteFrom").asText(), f.toString());
            JsonNode site = f.path("site");
            assertEquals("com.example.smoke.visit.BillingService", site.path("class").asText(), f.toString());
            assertEquals("invoice", site.path("method").asText(), f.toString());
            assertEquals(Project.markerLine("com/example/smoke/visit/BillingService.java", "// smoke-error-site"),
                    site.path("line").asInt(), f.toString());
            // The other routes stay clean. (Other areas are not judged here: the first outbound call of a just
            // started app is cold, and with only the five /vets calls of this test slow-external-call can flag it.)
            assertEquals(List.of(), Reports.findings(report, "slow-endpoint"), "no route is slow");
        }
    }
}
