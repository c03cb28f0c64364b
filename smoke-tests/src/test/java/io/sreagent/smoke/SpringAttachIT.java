package io.sreagent.smoke;

import com.fasterxml.jackson.databind.JsonNode;
import io.sreagent.it.support.AppProcess;
import io.sreagent.it.support.CliRun;
import io.sreagent.it.support.Jdks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.sreagent.smoke.SpringReports.endpoint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The smoke app started without the agent and serving a load when {@code sre-agent attach} comes:
 * Tomcat's, Spring's and Hikari's classes, all loaded by then, are rewoven and the routes show up
 * under their patterns while the load goes on.
 */
class SpringAttachIT {

    static List<Path> jdks() {
        return Jdks.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void lateAttachUnderLoadSeesTheRoutes(Path java) throws Exception {
        try (AppProcess app = AppProcess.testApp().java(java).name("smoke-attach").start();
             Traffic traffic = new Traffic(app)) {
            traffic.rounds(20);
            traffic.inBackground(2, Duration.ofMillis(100));

            String pid = Long.toString(app.pid());
            CliRun attach = CliRun.with(java, "attach", pid, "report.dir=reports").expectSuccess();
            assertTrue(attach.out().contains("loaded into pid " + pid), attach.out());
            app.awaitAgentStarted("agentmain");

            JsonNode report = app.awaitReport(Duration.ofSeconds(60),
                    r -> r.path("metrics").path("agent").path("woven").asBoolean()
                            && endpoint(r, Traffic.OWNER).path("requests").asLong() >= 20
                            && endpoint(r, Traffic.ADD_PET).path("requests").asLong() >= 3,
                    "the routes seen after attach");
            traffic.close();
            assertEquals(List.of(), traffic.unexpected(), "the app served on while the agent attached");

            assertEquals("agentmain", report.path("jvm").path("loadedBy").asText());
            for (String route : List.of(Traffic.OWNER, Traffic.BY_NAME, Traffic.ADD_PET, Traffic.VETS, Traffic.DIRECTORY, Traffic.PETS)) {
                JsonNode ep = endpoint(report, route);
                assertTrue(ep.path("requests").asLong() > 0, route + " in " + SpringReports.routes(report));
                assertTrue(ep.path("requests").asLong() < traffic.sent(route), route + ": only what came after the attach");
                assertEquals(ep.path("requests").asLong(), ep.path("status").path("2xx").asLong(), ep.toString());
            }
            for (String route : SpringReports.routes(report)) {
                assertTrue(!route.matches(".*/\\d+(/.*)?"), "a raw path as a route: " + route);
            }
            assertTrue(report.path("metrics").path("jdbc").path("statements").path("distinct").asInt() > 0,
                    "Hibernate's statements after attach: " + report.path("metrics").path("jdbc"));
            assertTrue(app.stderr().lines().noneMatch(l -> l.contains("Exception")), app.stderr());
            assertTrue(Files.isDirectory(app.workDir().resolve("reports")), "report.dir made");
        }
    }
}
