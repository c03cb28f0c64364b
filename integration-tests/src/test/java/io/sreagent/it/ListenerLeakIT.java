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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A listener added per request to an application-wide feed and never removed, at two requests a
 * second, on the default options: listener-leak names the feed, the listener class and the
 * registering line within about a minute. The feed delegates to a JDK PropertyChangeSupport, which is
 * woven too: the registration counts once, on the outer call.
 */
class ListenerLeakIT {
    static final long PAUSE_MILLIS = 500;

    static List<Path> jdks() {
        return Jdks.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void listenersAddedPerRequestAreReportedAtTheRegisteringLine(Path java) throws InterruptedException {
        try (AppProcess app = AppProcess.testApp().java(java).agent("report.dir=reports").name("leak-listeners").start()) {
            app.awaitAgentStarted("premain");
            AtomicInteger requests = new AtomicInteger();
            AtomicBoolean driving = new AtomicBoolean(true);
            Thread driver = new Thread(() -> {
                while (driving.get()) {
                    if (app.get("/leak-listeners") == 200) {
                        requests.incrementAndGet();
                    }
                    ThreadLeakIT.pause(PAUSE_MILLIS);
                }
            }, "listener-leak-driver");
            long started = System.nanoTime();
            driver.start();
            JsonNode report;
            try {
                report = app.awaitReport(Duration.ofSeconds(120), r -> Reports.has(r, "listener-leak"), "listener-leak");
            } finally {
                driving.set(false);
                driver.join();
            }
            System.out.printf("listener-leak %d s after the leak began, after %d requests%n",
                    (System.nanoTime() - started) / 1_000_000_000L, requests.get());
            List<JsonNode> found = Reports.findings(report, "listener-leak");
            assertEquals(1, found.size(), found.toString());
            JsonNode f = found.get(0);
            JsonNode site = f.path("site");
            assertEquals("com.example.shop.scenario.LeakListenersScenario", site.path("class").asText(), f.toString());
            assertEquals("doGet", site.path("method").asText());
            assertEquals(Project.markerLine(ThreadLeakIT.source("LeakListenersScenario"), "leak-listeners-site"), site.path("line").asInt());
            JsonNode e = f.path("evidence");
            assertEquals("com.example.shop.scenario.PriceFeed", e.path("targetClass").asText());
            int added = e.path("added").asInt();
            assertTrue(added >= 20 && added <= requests.get(), f.toString());
            assertEquals(0, e.path("removed").asInt());
            // The count was sampled before the rules ran; on a loaded machine requests land in between.
            int net = e.path("netRegistrations").asInt();
            assertTrue(net >= 20 && net <= added, f.toString());
            assertTrue(e.path("growthInWindow").asInt() >= 20, f.toString());
            // About 120 a minute (two a second), within a wide margin for a loaded machine.
            assertTrue(e.path("perMinute").asDouble() > 40 && e.path("perMinute").asDouble() < 200, f.toString());
            assertEquals(added, e.path("listenerClasses").path("com.example.shop.scenario.LeakListenersScenario$QuoteWatcher").asInt(), f.toString());
            // Sites are captured once a target holds 8 listeners: the first ones cost no stack walk.
            assertEquals(added - 8, e.path("registrationSites").elements().next().asInt(), f.toString());
            assertEquals(60, e.path("windowSeconds").asInt());
            assertTrue(f.path("subject").asText().startsWith("com.example.shop.scenario.PriceFeed "), f.toString());
            for (JsonNode t : report.path("metrics").path("listeners").path("largest")) {
                assertTrue(!t.path("targetClass").asText().equals("java.beans.PropertyChangeSupport") || t.path("net").asInt() == 0,
                        "the PropertyChangeSupport inside the feed is not counted a second time: " + t);
            }
        }
    }
}
