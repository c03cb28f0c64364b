package io.sreagent.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.sreagent.it.http.Load;
import io.sreagent.it.support.AppProcess;
import io.sreagent.it.support.Jdks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.sreagent.it.http.HttpReports.assertSite;
import static io.sreagent.it.http.HttpReports.awaitInstrumented;
import static io.sreagent.it.http.HttpReports.endpoint;
import static io.sreagent.it.http.HttpReports.finding;
import static io.sreagent.it.http.HttpReports.hasFinding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code endpoint-errors} when no exception leaves the server, with the default options: a handler that
 * catches its failure and calls {@code sendError(500)} is blamed at that line ({@code siteFrom: status-set});
 * an error filter that catches what the servlet behind it threw and answers 500 is blamed where the exception
 * was thrown ({@code siteFrom: handled}). Their healthy twins of the same run raise nothing.
 */
class HttpCaughtErrorsIT {

    static List<Path> jdks() {
        return Jdks.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void fiveHundredsAnsweredByTheApplicationNameTheirSite(Path java) throws Exception {
        try (AppProcess app = AppProcess.testApp().java(java).agent("report.dir=reports").name("http-caught").start()) {
            app.awaitAgentStarted("premain");
            awaitInstrumented(app, "/health", "GET", "/health");

            for (String scenario : List.of("/caught-error", "/mapped-error")) {
                Load.send(app, 30, 4, 200, i -> scenario + "/flaky?fail=false");
                Load.send(app, 10, 4, 500, i -> scenario + "/flaky?fail=true");
                Load.send(app, 40, 4, 200, i -> scenario + "/ok");
            }

            // Judged at the next evaluation (10 s).
            JsonNode report = app.awaitReport(Duration.ofSeconds(60),
                    r -> hasFinding(r, "endpoint-errors", "route", "/caught-error/flaky")
                            && hasFinding(r, "endpoint-errors", "route", "/mapped-error/flaky"),
                    "endpoint-errors for both failing routes");

            JsonNode caught = finding(report, "endpoint-errors", "route", "/caught-error/flaky");
            JsonNode e = caught.path("evidence");
            assertEquals("critical", caught.path("severity").asText().toLowerCase(), caught.toString());
            assertEquals(40, e.path("requests").asLong(), caught.toString());
            assertEquals(10, e.path("serverErrors").asLong(), caught.toString());
            assertEquals(25.0, e.path("errorRatePercent").asDouble(), caught.toString());
            assertEquals("status-set", e.path("siteFrom").asText(), caught.toString());
            assertEquals(10, e.path("statusSetSinceStart").asLong(), caught.toString());
            assertTrue(e.path("exceptionsSinceStart").isMissingNode(), "no exception was seen: " + caught);
            assertSite(caught, "CaughtErrorScenario", "doGet", "caught-error-site");
            assertEquals("CaughtErrorScenario.java", caught.path("site").path("file").asText(), caught.toString());

            JsonNode mapped = finding(report, "endpoint-errors", "route", "/mapped-error/flaky");
            JsonNode m = mapped.path("evidence");
            assertEquals(40, m.path("requests").asLong(), mapped.toString());
            assertEquals(10, m.path("serverErrors").asLong(), mapped.toString());
            assertEquals(25.0, m.path("errorRatePercent").asDouble(), mapped.toString());
            assertEquals("handled", m.path("siteFrom").asText(), mapped.toString());
            assertEquals(10, m.path("exceptionsSinceStart").path("java.lang.IllegalArgumentException").asLong(), mapped.toString());
            assertSite(mapped, "MappedErrorScenario", "doGet", "mapped-error-site");
            assertEquals("MappedErrorScenario.java", mapped.path("site").path("file").asText(), mapped.toString());
            assertFalse(report.toString().contains("inventory count went negative"), "exception messages stay out of reports");
            assertFalse(report.toString().contains("card processor rejected"), "exception messages stay out of reports");

            JsonNode endpoint = endpoint(report, "GET", "/caught-error/flaky");
            assertEquals(10, endpoint.path("status").path("5xx").asLong(), endpoint.toString());
            assertEquals(10, endpoint.path("statusSet").asLong(), endpoint.toString());
            assertEquals(10, endpoint(report, "GET", "/mapped-error/flaky").path("exceptions")
                    .path("java.lang.IllegalArgumentException").asLong(), "handled exceptions are counted");

            for (String route : List.of("/caught-error/ok", "/mapped-error/ok")) {
                assertEquals(40, endpoint(report, "GET", route).path("requests").asLong(), route);
                for (String id : List.of("endpoint-errors", "slow-endpoint")) {
                    assertFalse(hasFinding(report, id, "route", route), id + " for healthy " + route);
                }
            }
        }
    }
}
