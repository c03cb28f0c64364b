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
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Handlers that catch an exception, log it at ERROR and answer 200, one per logging framework (Logback
 * through SLF4J, Log4j 2, java.util.logging), driven at once in one application with the default
 * options, beside a healthy twin as chatty in every framework (DEBUG, INFO, WARN with an exception,
 * ERROR without one). log-errors names each logger, exception type, pattern, the throwing line and the
 * logging line; the twin raises nothing, and no logged value reaches the report.
 */
class LogErrorsIT {
    /** Per route, within a few seconds: 18 a minute over the default 2-minute window, above the default 10. */
    static final int REQUESTS = 36;

    record Route(String path, String scenario, String framework, String exceptionType, String pattern, String marker) {
    }

    static final List<Route> ROUTES = List.of(
            new Route("/log-errors-logback?sku=sku-4711", "LogbackErrorScenario", "logback",
                    "java.lang.IllegalStateException", "stock reservation failed for sku {}", "log-errors-logback"),
            new Route("/log-errors-log4j2?customer=c-90210", "Log4j2ErrorScenario", "log4j2",
                    "java.io.UncheckedIOException", "loyalty lookup failed for customer {}", "log-errors-log4j2"),
            new Route("/log-errors-jul?coupon=SAVE-abc", "JulErrorScenario", "jul",
                    "java.lang.NumberFormatException", "coupon {0} could not be applied", "log-errors-jul"));

    static List<Path> jdks() {
        return Jdks.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void errorsOnlyTheLogsShowAreNamedByLoggerTypeAndSite(Path java) {
        try (AppProcess app = AppProcess.testApp().java(java).agent("report.dir=reports").name("log-errors").start()) {
            app.awaitAgentStarted("premain");
            long start = System.nanoTime();
            for (int i = 0; i < REQUESTS; i++) {
                for (Route r : ROUTES) {
                    assertEquals(200, app.get(r.path()), r.path());
                }
                assertEquals(200, app.get("/log-healthy?order=o-5512"));
                ThreadLeakIT.pause(50);
            }
            JsonNode report = app.awaitReport(Duration.ofSeconds(60), r -> Reports.findings(r, "log-errors").size() == ROUTES.size()
                    && Reports.findings(r, "log-errors").stream().allMatch(f -> f.path("evidence").path("count").asInt() == REQUESTS),
                    "log-errors for every framework with every event");
            System.out.printf("log-errors: all three raised %d ms after the load began%n", (System.nanoTime() - start) / 1_000_000);

            List<JsonNode> found = Reports.findings(report, "log-errors");
            for (Route r : ROUTES) {
                String logger = "com.example.shop.scenario." + r.scenario();
                JsonNode f = found.stream().filter(x -> x.path("evidence").path("logger").asText().equals(logger)).findFirst()
                        .orElseThrow(() -> new AssertionError("no log-errors for " + logger + ": " + found));
                String source = ThreadLeakIT.source(r.scenario());
                assertEquals("warning", f.path("severity").asText(), f.toString());
                assertEquals(logger + " " + r.exceptionType(), f.path("subject").asText(), f.toString());
                assertEquals(120, f.path("windowSeconds").asInt(), f.toString());
                JsonNode site = f.path("site");
                assertEquals(logger, site.path("class").asText(), f.toString());
                assertEquals(r.scenario() + ".java", site.path("file").asText(), f.toString());
                assertEquals(Project.markerLine(source, r.marker() + "-site"), site.path("line").asInt(), f.toString());
                JsonNode e = f.path("evidence");
                assertEquals(r.exceptionType(), e.path("exceptionType").asText(), f.toString());
                assertEquals(r.framework(), e.path("framework").asText(), f.toString());
                assertEquals(r.pattern(), e.path("messagePattern").asText(), f.toString());
                assertEquals(REQUESTS, e.path("count").asInt(), f.toString());
                assertEquals(REQUESTS * 60.0 / 120, e.path("perMinute").asDouble(), 0.01, f.toString());
                assertEquals(120, e.path("windowSeconds").asInt(), f.toString());
                assertFalse(e.path("newType").asBoolean(), "the warm-up is not over: the rate raised it");
                assertEquals(r.scenario() + ".java:" + Project.markerLine(source, r.marker() + "-logged"),
                        e.path("loggedAt").asText().replaceAll("^.*\\((.*)\\)$", "$1"), f.toString());
                assertEquals(REQUESTS, report.path("metrics").path("logs").path("byFramework").path(r.framework()).asInt(),
                        report.path("metrics").path("logs").toString());
            }

            // The healthy twin: WARN with an exception and ERROR without one count for nothing.
            List<JsonNode> alarms = Reports.alarms(report);
            assertEquals(ROUTES.size(), alarms.size(), "only the three log-errors: " + alarms);
            for (JsonNode l : report.path("metrics").path("logs").path("largest")) {
                assertFalse(l.path("logger").asText().contains("HealthyLogging"), l.toString());
            }
            // Patterns only: no logged value, no exception message.
            String text = report.toString();
            for (String literal : List.of("sku-4711", "c-90210", "SAVE-abc", "o-5512", "no stock left", "loyalty service refused")) {
                assertFalse(text.contains(literal), "the report holds '" + literal + "'");
            }
        }
    }
}
