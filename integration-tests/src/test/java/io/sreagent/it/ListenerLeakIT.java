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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A listener added per request to an application-wide feed and never removed: listener-leak names the
 * feed, the listener class and the registering line. The feed delegates to a JDK PropertyChangeSupport,
 * which is woven too: the registration counts once, on the outer call.
 */
class ListenerLeakIT {
    static final int REQUESTS = 40;
    static final int THRESHOLD = 30;

    static List<Path> jdks() {
        return Jdks.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void listenersAddedPerRequestAreReportedAtTheRegisteringLine(Path java) {
        try (AppProcess app = AppProcess.testApp().java(java)
                .agent("report.dir=reports,evaluate.interval=500ms,listeners.window=15s,listeners.threshold=" + THRESHOLD)
                .name("leak-listeners").start()) {
            app.awaitAgentStarted("premain");
            ThreadLeakIT.drive(app, "/leak-listeners", REQUESTS);
            JsonNode report = app.awaitReport(Duration.ofSeconds(40), r -> Reports.has(r, "listener-leak")
                    && Reports.findings(r, "listener-leak").get(0).path("evidence").path("netRegistrations").asInt() == REQUESTS,
                    "listener-leak with every registration");
            List<JsonNode> found = Reports.findings(report, "listener-leak");
            assertEquals(1, found.size(), found.toString());
            JsonNode f = found.get(0);
            JsonNode site = f.path("site");
            assertEquals("com.example.shop.scenario.LeakListenersScenario", site.path("class").asText(), f.toString());
            assertEquals("doGet", site.path("method").asText());
            assertEquals(Project.markerLine(ThreadLeakIT.source("LeakListenersScenario"), "leak-listeners-site"), site.path("line").asInt());
            JsonNode e = f.path("evidence");
            assertEquals("com.example.shop.scenario.PriceFeed", e.path("targetClass").asText());
            assertEquals(REQUESTS, e.path("added").asInt());
            assertEquals(0, e.path("removed").asInt());
            assertEquals(REQUESTS, e.path("listenerClasses").path("com.example.shop.scenario.LeakListenersScenario$QuoteWatcher").asInt(), f.toString());
            // Sites are captured once a target holds 8 listeners: the first ones cost no stack walk.
            assertEquals(REQUESTS - 8, e.path("registrationSites").elements().next().asInt(), f.toString());
            assertTrue(f.path("title").asText().contains(REQUESTS + " listeners"), f.toString());
            for (JsonNode t : report.path("metrics").path("listeners").path("largest")) {
                assertTrue(!t.path("targetClass").asText().equals("java.beans.PropertyChangeSupport") || t.path("net").asInt() == 0,
                        "the PropertyChangeSupport inside the feed is not counted a second time: " + t);
            }
        }
    }
}
