package io.sreagent.smoke;

import com.fasterxml.jackson.databind.JsonNode;
import io.sreagent.it.support.AppProcess;
import io.sreagent.it.support.Jdks;
import io.sreagent.it.support.Reports;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.sreagent.smoke.SpringReports.endpoint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The smoke app with the agent from launch, default options (only report.dir), under two minutes of a
 * healthy mix: routes are Spring's patterns, Hibernate's SQL folds into a few shapes without literals,
 * and nothing is flagged.
 */
class HealthySpringAppIT {
    static final Duration LOAD = Duration.ofMinutes(2);

    static List<Path> jdks() {
        return Jdks.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void routesAreSpringPatternsSqlIsShapedAndAHealthyLoadRaisesNothing(Path java) {
        try (AppProcess app = AppProcess.testApp().java(java).name("smoke-healthy").agent("report.dir=reports").start()) {
            app.awaitAgentStarted("premain");
            Traffic traffic = new Traffic(app);
            // First pass over the values: every shape the app runs is now known.
            traffic.rounds(60);
            JsonNode first = app.awaitReport(Duration.ofSeconds(30),
                    r -> endpoint(r, Traffic.PETS).path("requests").asLong() == traffic.sent(Traffic.PETS), "the first rounds counted");
            int shapesFirst = first.path("metrics").path("jdbc").path("statements").path("distinct").asInt();

            long start = System.nanoTime();
            try (Traffic background = traffic.inBackground(2, Duration.ofMillis(150))) {
                AppProcess.await(LOAD.plusMinutes(1), () -> System.nanoTime() - start > LOAD.toNanos(), "two minutes of load");
            }
            assertEquals(List.of(), traffic.unexpected(), "answers of a healthy app");
            Map<String, Long> sent = traffic.sent();
            JsonNode report = app.awaitReport(Duration.ofSeconds(30),
                    r -> endpoint(r, Traffic.OWNER).path("requests").asLong() == sent.get(Traffic.OWNER), "all requests counted");

            // 1. Routes by Spring's best-matching pattern, every request counted, no raw path as a route.
            for (Map.Entry<String, Long> e : sent.entrySet()) {
                JsonNode ep = endpoint(report, e.getKey());
                assertEquals(e.getValue().longValue(), ep.path("requests").asLong(), e.getKey() + " in " + SpringReports.routes(report));
                assertEquals(e.getValue().longValue(), ep.path("status").path("2xx").asLong(), e.getKey());
                assertEquals("servlet", ep.path("server").asText(), e.getKey());
            }
            assertTrue(sent.get(Traffic.OWNER) > 500, "a real load: " + sent);
            for (String route : SpringReports.routes(report)) {
                assertFalse(route.matches(".*/\\d+(/.*)?"), "a raw path as a route: " + route);
            }
            JsonNode owner = endpoint(report, Traffic.OWNER);
            assertTrue(owner.path("breakdown").path("dbCallsPerRequest").asDouble() >= 1, owner.toString());
            assertTrue(endpoint(report, Traffic.VETS).path("breakdown").path("externalCallsPerRequest").asDouble() >= 1,
                    endpoint(report, Traffic.VETS).toString());

            // 2. Hibernate's SQL: a bounded set of shapes, no literals, one shape for IN lists of any length.
            JsonNode statements = report.path("metrics").path("jdbc").path("statements");
            int shapes = statements.path("distinct").asInt();
            assertEquals(shapesFirst, shapes, "new values made new shapes: " + SpringReports.statementShapes(report));
            assertTrue(shapes <= 40, shapes + " shapes: " + SpringReports.statementShapes(report));
            assertEquals(0, statements.path("foldedIntoOther").asLong(), statements.toString());
            List<String> sql = SpringReports.statementShapes(report);
            for (String s : sql) {
                assertFalse(s.contains("'"), "a string literal in " + s);
                assertFalse(SpringReports.NUMBER_LITERAL.matcher(s).find(), "a number literal in " + s);
            }
            List<String> inLists = sql.stream().filter(s -> s.startsWith("select") && s.contains(" from pet ") && s.contains(" in (")).toList();
            assertEquals(1, inLists.size(), "one shape for /pets?ids= of 1 to 6 ids: " + sql);
            assertTrue(inLists.get(0).contains(" in (?)"), inLists.get(0));
            assertEquals(sent.get(Traffic.PETS).longValue(), countOf(statements, inLists.get(0)), inLists.get(0));
            assertTrue(report.path("metrics").path("jdbc").path("pools").has("petcare-pool"), report.path("metrics").path("jdbc").toString());

            System.out.println(java + ": requests " + sent + ", " + shapes + " statement shapes: " + sql);
            // 3. Nothing flagged on a healthy app (RestClient's calls carry Spring's own read time-out: no missing-timeout).
            assertEquals(List.of(), Reports.alarms(report), "alarms on a healthy Spring app");
            assertTrue(report.path("metrics").path("agent").path("woven").asBoolean());
            assertEquals(0, report.path("metrics").path("agent").path("internalErrors").asLong(), report.path("metrics").path("agent").toString());
        }
    }

    private static long countOf(JsonNode statements, String sql) {
        for (JsonNode s : statements.path("top")) {
            if (s.path("sql").asText().equals(sql)) {
                return s.path("count").asLong();
            }
        }
        return -1;
    }
}
