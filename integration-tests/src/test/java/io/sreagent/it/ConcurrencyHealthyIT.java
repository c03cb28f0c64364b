package io.sreagent.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.sreagent.it.support.AppProcess;
import io.sreagent.it.support.Jdks;
import io.sreagent.it.support.Reports;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A shared fixed pool under concurrent load, a short-lived thread per request and a listener removed in
 * finally, with the thread and listener rules at their most sensitive: no alarm, yet the agent saw it all.
 */
class ConcurrencyHealthyIT {
    static final int REQUESTS = 300;

    static List<Path> jdks() {
        return Jdks.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void sharedPoolShortThreadsAndRemovedListenersRaiseNoAlarm(Path java) throws Exception {
        try (AppProcess app = AppProcess.testApp().java(java).agent(
                        "report.dir=reports,evaluate.interval=500ms,threads.window=5s,threads.growth=20,listeners.window=5s,listeners.growth=10")
                .name("healthy-concurrency").start()) {
            app.awaitAgentStarted("premain");
            ExecutorService clients = Executors.newFixedThreadPool(6);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                results.add(clients.submit(() -> app.get("/healthy-concurrency")));
            }
            for (Future<Integer> r : results) {
                assertEquals(200, r.get());
            }
            clients.shutdown();
            ThreadLeakIT.pause(6000); // longer than the windows: both rules have judged the whole run
            JsonNode report = app.report();
            assertEquals(List.of(), Reports.alarms(report), "healthy run raised alarms:\n" + report.toPrettyString());

            JsonNode threads = report.path("metrics").path("threads");
            // The pool is created with the servlet, maybe before the weaving is in place; its threads start later.
            JsonNode lookups = find(threads.path("startSites"), "namePattern", "lookup-#");
            assertEquals(4, lookups.path("started").asInt(), lookups.toString());
            assertEquals(4, lookups.path("alive").asInt(), lookups.toString());
            assertTrue(lookups.path("inPool").asBoolean(), lookups.toString());
            JsonNode audit = find(threads.path("startSites"), "namePattern", "audit-#");
            assertEquals(REQUESTS, audit.path("started").asInt(), audit.toString());
            assertEquals(0, audit.path("alive").asInt(), audit.toString());
            JsonNode feed = find(report.path("metrics").path("listeners").path("largest"), "targetClass", "com.example.shop.scenario.PriceFeed");
            assertEquals(REQUESTS, feed.path("added").asInt(), feed.toString());
            assertEquals(REQUESTS, feed.path("removed").asInt(), feed.toString());
            assertEquals(0, feed.path("net").asInt(), feed.toString());
        }
    }

    private static JsonNode find(JsonNode list, String field, String contains) {
        for (JsonNode n : list) {
            if (n.path(field).asText().contains(contains)) {
                return n;
            }
        }
        throw new AssertionError("nothing with " + field + " containing " + contains + " in " + list);
    }
}
