package io.sreagent.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.sreagent.it.http.FakeUpstream;
import io.sreagent.it.http.Load;
import io.sreagent.it.support.AppProcess;
import io.sreagent.it.support.Jdks;
import io.sreagent.it.support.Reports;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.sreagent.it.http.HttpReports.assertSite;
import static io.sreagent.it.http.HttpReports.awaitInstrumented;
import static io.sreagent.it.http.HttpReports.endpoint;
import static io.sreagent.it.http.HttpReports.external;
import static io.sreagent.it.http.HttpReports.externalFinding;
import static io.sreagent.it.http.HttpReports.finding;
import static io.sreagent.it.http.HttpReports.hasFinding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Jetty test app with the agent, calling a real upstream on loopback: every HTTP finding with
 * its route or host, numbers and site; requests counted once through the filter chain; the healthy
 * routes of the same run raise nothing.
 */
class HttpServletIT {

    static List<Path> jdks() {
        return Jdks.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void httpFindingsWithRoutesHostsNumbersAndSites(Path java) throws Exception {
        try (FakeUpstream upstream = new FakeUpstream();
             AppProcess app = AppProcess.testApp().java(java)
                     .agent("report.dir=reports,evaluate.interval=500ms,http.min.requests=10")
                     .appArgs("--upstream", upstream.url()).name("http-servlet").start()) {
            awaitInstrumented(app, "/health", "GET", "/health");
            String host = "127.0.0.1:" + upstream.port();

            Load.send(app, 60, 4, 200, i -> "/orders/" + (1 + i * 7 % 900));
            Load.send(app, 20, 4, 200, i -> "/orders");
            Load.send(app, 1, 1, 200, i -> "/orders/5?email=alice.secret@example.com");
            Load.send(app, 20, 4, 500, i -> "/error");
            Load.send(app, 12, 4, 200, i -> "/slow-endpoint");
            Load.send(app, 12, 4, 200, i -> "/external-slow");
            Load.send(app, 16, 4, 200, i -> "/external-flaky");
            Load.send(app, 6, 2, 200, i -> "/no-timeout");
            Load.send(app, 5, 2, 200, i -> "/async");

            JsonNode report = app.awaitReport(Duration.ofSeconds(30),
                    r -> Reports.has(r, "missing-timeout") && Reports.has(r, "external-rate-limited")
                            && external(r, "java.net.http", "GET", host).path("calls").asLong() >= 12 + 16
                            && external(r, "HttpURLConnection", "GET", host).path("calls").asLong() >= 6,
                    "every outbound call recorded");

            // Counted once per request although a filter and the servlet are both woven; ids collapsed.
            assertEquals(61, endpoint(report, "GET", "/orders/{id}").path("requests").asLong(), report.toPrettyString());
            assertEquals(20, endpoint(report, "GET", "/orders").path("requests").asLong());
            assertFalse(report.toString().contains("alice.secret"), "query strings are never stored");
            assertEquals(5, endpoint(report, "GET", "/async").path("asyncNotTimed").asLong(), "async requests pass unharmed");

            JsonNode errors = finding(report, "endpoint-errors", "route", "/error");
            assertEquals(20, errors.path("evidence").path("serverErrors").asLong());
            assertEquals(100.0, errors.path("evidence").path("errorRatePercent").asDouble());
            assertEquals(20, errors.path("evidence").path("exceptionsSinceStart").path("java.lang.IllegalStateException").asLong());
            assertSite(errors, "ErrorScenario", "doGet", "error-site");
            assertEquals("escaped", errors.path("evidence").path("siteFrom").asText(), errors.toString());

            JsonNode slow = finding(report, "slow-endpoint", "route", "/slow-endpoint");
            double p50 = slow.path("evidence").path("p50Ms").asDouble();
            // HdrHistogram keeps 2 significant digits: 600 ms of query plus the request itself.
            assertTrue(p50 >= 594 && p50 < 3000, "p50 " + p50);
            assertTrue(slow.path("evidence").path("p95Ms").asDouble() >= p50);
            assertTrue(slow.path("evidence").path("externalPercent").asDouble() < 5, slow.toString());
            // The JDBC advice feeds the request's breakdown: the 600 ms query is the database's share.
            assertTrue(slow.path("evidence").path("dbPercent").asDouble() >= 75, slow.toString());
            // ... and names the statement, literals removed.
            assertEquals("SELECT SHOP_PAUSE(?)", slow.path("evidence").path("dominantStatement").asText(), slow.toString());

            JsonNode slowByUpstream = finding(report, "slow-endpoint", "route", "/external-slow");
            assertTrue(slowByUpstream.path("evidence").path("externalPercent").asDouble() >= 75, slowByUpstream.toString());
            assertEquals(host, slowByUpstream.path("evidence").path("dominantHost").asText());
            assertTrue(slowByUpstream.path("advice").toString().contains(host));

            JsonNode slowCall = externalFinding(report, "slow-external-call", host, "java.net.http");
            assertTrue(slowCall.path("evidence").path("p95Ms").asDouble() >= FakeUpstream.SLOW_MILLIS * 0.99, slowCall.toString());
            // the same host is called more often, and fast, from ExternalFlakyScenario: the slow calls' own line is named
            assertSite(slowCall, "ExternalSlowScenario", "doGet", "external-slow-site");
            JsonNode slowSites = slowCall.path("evidence").path("slowCallSites");
            assertEquals(12, slowSites.path(slowCall.path("site").path("class").asText() + ".doGet(ExternalSlowScenario.java:"
                    + slowCall.path("site").path("line").asInt() + ")").asInt(), "each of the 12 slow calls: " + slowCall);

            JsonNode limited = externalFinding(report, "external-rate-limited", host, "java.net.http");
            assertEquals(4, limited.path("evidence").path("status429").asLong());
            assertSite(limited, "ExternalFlakyScenario", "doGet", "external-flaky-site");

            JsonNode failing = externalFinding(report, "external-errors", host, "java.net.http");
            assertEquals(4, failing.path("evidence").path("status5xx").asLong());
            assertEquals(4, failing.path("evidence").path("timeouts").asLong());
            assertSite(failing, "ExternalFlakyScenario", "doGet", "external-flaky-site");

            JsonNode noTimeout = externalFinding(report, "missing-timeout", host, "HttpURLConnection");
            assertEquals(6, noTimeout.path("evidence").path("withoutReadTimeout").asLong());
            assertEquals(6, noTimeout.path("evidence").path("withoutConnectTimeout").asLong());
            assertEquals("HttpURLConnection", noTimeout.path("evidence").path("client").asText());
            assertSite(noTimeout, "NoTimeoutScenario", "doGet", "no-timeout-site");

            JsonNode calls = external(report, "java.net.http", "GET", host);
            assertEquals(12 + 16, calls.path("calls").asLong(), "each call counted once");
            assertEquals(16, calls.path("async").asLong(), "the flaky route calls asynchronously");
            assertEquals(4, calls.path("status429").asLong());
            assertEquals(6, external(report, "HttpURLConnection", "GET", host).path("calls").asLong());
            assertTrue(calls.path("sites").toString().contains("ExternalSlowScenario.doGet"), calls.toString());

            // The flaky route waits for time-outs (slow) but degrades gracefully: no errors of its own.
            assertFalse(hasFinding(report, "endpoint-errors", "route", "/external-flaky"));
            // The healthy routes of the same run raise nothing.
            for (String route : List.of("/orders", "/orders/{id}", "/health", "/async")) {
                for (String id : List.of("slow-endpoint", "endpoint-errors")) {
                    assertFalse(hasFinding(report, id, "route", route), id + " for healthy " + route);
                }
            }
        }
    }
}
