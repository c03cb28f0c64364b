package io.sreagent.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.sreagent.it.support.AppProcess;
import io.sreagent.it.support.Jdks;
import io.sreagent.it.support.Project;
import io.sreagent.it.support.Reports;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * pool-exhaustion on the pools other than HikariCP, with the default options: Commons DBCP2 and Tomcat
 * JDBC, 4 connections, 1 s to wait for one. A healthy load first (the pool's own maximum and in-use
 * count are read, no alarm), then four holders keep every connection: the finding is critical, reads
 * the pool's maximum (4) and in use (4), and names the line the holders are at.
 */
class JdbcPoolsIT {
    /** The pool, the name reports give it, and whether it says how many threads wait. */
    static List<Arguments> pools() {
        List<Arguments> all = new ArrayList<>();
        for (Path java : Jdks.all()) {
            all.add(Arguments.of(java, "dbcp2", "DBCP2", "org.apache.commons.dbcp2.BasicDataSource", false));
            all.add(Arguments.of(java, "tomcat", "Tomcat JDBC", "test-app-pool", true));
        }
        return all;
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("pools")
    void anExhaustedPoolIsReadFromThePoolItself(Path java, String pool, String kind, String name, boolean saysWaiting) {
        try (AppProcess app = AppProcess.testApp().java(java).agent("report.dir=reports")
                .appArgs("--pool", pool, "--pool-size", "4", "--pool-timeout-ms", "1000")
                .name("jdbc-pool-" + pool).start()) {
            JdbcChecks.awaitWoven(app);
            for (int i = 0; i < 20; i++) {
                assertEquals(200, app.get("/orders"));
            }
            JsonNode healthy = app.awaitReport(Duration.ofSeconds(30),
                    r -> r.path("metrics").path("jdbc").path("pools").path(name).path("max").asInt() == 4,
                    "the " + kind + " pool's maximum read from the pool");
            JsonNode figures = healthy.path("metrics").path("jdbc").path("pools").path(name);
            assertEquals(kind, figures.path("kind").asText(), figures.toString());
            assertTrue(figures.path("inUse").asInt() <= 1, "the healthy load holds nothing now: " + figures);
            assertEquals(List.of(), Reports.alarms(healthy), healthy.toPrettyString());

            assertEquals(202, app.get("/exhaust-pool?n=4&ms=60000"));
            AppProcess.await(Duration.ofSeconds(10), () -> app.get("/orders") == 500, "an /orders request to time out");
            assertEquals(500, app.get("/orders"));
            JsonNode report = app.awaitReport(Duration.ofSeconds(40), r -> Reports.findings(r, "pool-exhaustion").stream()
                    .anyMatch(f -> f.path("evidence").path("timeoutsInWindow").asInt() >= 2), "an exhausted " + kind + " pool");
            JsonNode f = Reports.findings(report, "pool-exhaustion").get(0);
            assertEquals("critical", f.path("severity").asText(), f.toString());
            assertEquals(name, f.path("subject").asText(), f.toString());
            JsonNode e = f.path("evidence");
            assertEquals(4, e.path("max").asInt(), "read from the pool: " + f);
            assertEquals(4, e.path("inUse").asInt(), f.toString());
            if (!saysWaiting) {
                assertEquals(-1, e.path("peakThreadsAwaiting").asInt(), "DBCP2 does not say: " + f);
            }
            int holding = Project.markerLine(JdbcChecks.EXHAUST_SOURCE, "exhaust-holding-site");
            int held = 0;
            for (JsonNode holder : e.path("topHolders")) {
                held += holder.path("connections").asInt();
                for (JsonNode t : holder.path("threads")) {
                    assertEquals("com.example.shop.scenario.ExhaustPoolScenario.holdConnection(ExhaustPoolScenario.java:"
                            + holding + ")", t.path("nowAt").asText(), f.toString());
                }
            }
            assertEquals(4, held, "every held connection has its holder: " + f);
            // the acquisition line where a stack was sampled, else where the holders are now
            assertEquals("com.example.shop.scenario.ExhaustPoolScenario", f.path("site").path("class").asText(), f.toString());
            int line = f.path("site").path("line").asInt();
            assertTrue(line == holding || line == Project.markerLine(JdbcChecks.EXHAUST_SOURCE, "exhaust-site"), f.toString());
        }
    }
}
