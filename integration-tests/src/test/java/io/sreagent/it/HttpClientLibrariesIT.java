package io.sreagent.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.sreagent.it.http.FakeUpstream;
import io.sreagent.it.http.Load;
import io.sreagent.it.support.AppProcess;
import io.sreagent.it.support.Jdks;
import io.sreagent.it.support.Reports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.sreagent.it.http.HttpReports.assertSite;
import static io.sreagent.it.http.HttpReports.endpoint;
import static io.sreagent.it.http.HttpReports.external;
import static io.sreagent.it.http.HttpReports.externalFinding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Apache HttpClient 5 (classic) and OkHttp in the test app, calling a real upstream on loopback: per
 * host numbers, the four outbound findings with the calling line, the waiting route's external share,
 * and no alarm from clients that set their time-outs the usual ways.
 */
class HttpClientLibrariesIT {
    private static final int SLOW = 12;
    private static final int FLAKY = 16;
    private static final int NO_TIMEOUT = 6;
    private static final int OK = 10;
    private static final int HEALTHY = 400;

    /** Client name in the report, route prefix in the test app, scenario class, marker prefix. */
    private record Library(String client, String route, String scenario, String marker) {
    }

    private static final Library APACHE = new Library("apache-httpclient5", "/external-apache", "ExternalApacheScenario", "apache");
    private static final Library OKHTTP = new Library("okhttp", "/external-okhttp", "ExternalOkHttpScenario", "okhttp");

    static List<Path> jdks() {
        return Jdks.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void callsOfBothLibrariesAreMeasuredAndJudgedWithTheirSites(Path java) throws Exception {
        try (FakeUpstream upstream = new FakeUpstream();
             AppProcess app = AppProcess.testApp().java(java)
                     .agent("report.dir=reports,evaluate.interval=500ms,http.min.requests=10")
                     .appArgs("--upstream", upstream.url()).name("http-client-libraries").start()) {
            app.awaitAgentStarted("premain");
            String host = "127.0.0.1:" + upstream.port();
            // One call each first: the first call loads the client's classes, which is no upstream delay.
            for (Library lib : List.of(APACHE, OKHTTP)) {
                Load.send(app, 1, 1, 200, i -> lib.route() + "/ok");
            }

            // Then only the slow upstream: the p95 of each client is the upstream's delay.
            for (Library lib : List.of(APACHE, OKHTTP)) {
                Load.send(app, SLOW, 4, 200, i -> lib.route() + "/slow");
            }
            JsonNode slowReport = app.awaitReport(Duration.ofSeconds(30),
                    r -> Reports.findings(r, "slow-external-call").size() == 2, "both clients' slow calls judged");
            for (Library lib : List.of(APACHE, OKHTTP)) {
                JsonNode slow = externalFinding(slowReport, "slow-external-call", host, lib.client());
                double p95 = slow.path("evidence").path("p95Ms").asDouble();
                // HdrHistogram keeps 2 significant digits; above, loopback and scheduling on a busy machine.
                assertTrue(p95 >= FakeUpstream.SLOW_MILLIS * 0.99 && p95 < FakeUpstream.SLOW_MILLIS + 300, slow.toString());
                assertEquals(SLOW + 1, slow.path("evidence").path("calls").asLong(), slow.toString());
                assertSite(slow, lib.scenario(), "slow", lib.marker() + "-slow-site");

                JsonNode route = endpoint(slowReport, "GET", lib.route() + "/slow");
                assertEquals(SLOW, route.path("requests").asLong(), route.toString());
                assertTrue(route.path("breakdown").path("externalPercent").asDouble() >= 90, route.toString());
                assertTrue(route.path("externalMsByHost").has(host), route.toString());
            }

            for (Library lib : List.of(APACHE, OKHTTP)) {
                Load.send(app, FLAKY, 4, 200, i -> lib.route() + "/flaky");
                Load.send(app, NO_TIMEOUT, 2, 200, i -> lib.route() + "/no-timeout");
                Load.send(app, OK, 4, 200, i -> lib.route() + "/ok");
            }
            Load.send(app, OK, 4, 200, i -> OKHTTP.route() + "/async");
            int total = 1 + SLOW + FLAKY + NO_TIMEOUT + OK;
            JsonNode report = app.awaitReport(Duration.ofSeconds(30),
                    r -> Reports.findings(r, "missing-timeout").size() == 2
                            && external(r, APACHE.client(), "GET", host).path("calls").asLong() == total
                            && external(r, OKHTTP.client(), "GET", host).path("calls").asLong() == total + OK,
                    "every outbound call recorded");

            for (Library lib : List.of(APACHE, OKHTTP)) {
                JsonNode calls = external(report, lib.client(), "GET", host);
                int ok = 1 + (lib == OKHTTP ? 2 * OK : OK);
                assertEquals(SLOW + FLAKY / 4 + NO_TIMEOUT + ok, calls.path("status").path("2xx").asLong(), calls.toString());
                assertEquals(FLAKY / 4, calls.path("status").path("4xx").asLong(), calls.toString());
                assertEquals(FLAKY / 4, calls.path("status").path("5xx").asLong(), calls.toString());
                assertEquals(FLAKY / 4, calls.path("status").path("noResponse").asLong(), calls.toString());
                assertEquals(FLAKY / 4, calls.path("status429").asLong(), calls.toString());
                assertEquals(FLAKY / 4, calls.path("timeouts").asLong(), calls.toString());
                assertEquals(0, calls.path("ioErrors").asLong(), calls.toString());
                // Only the client built without a read time-out; the others set theirs in different usual ways.
                assertEquals(NO_TIMEOUT, calls.path("withoutReadTimeout").asLong(), calls.toString());
                assertEquals(0, calls.path("withoutConnectTimeout").asLong(), calls.toString());

                JsonNode limited = externalFinding(report, "external-rate-limited", host, lib.client());
                assertEquals(FLAKY / 4, limited.path("evidence").path("status429").asLong());
                assertSite(limited, lib.scenario(), "flaky", lib.marker() + "-flaky-site");

                JsonNode failing = externalFinding(report, "external-errors", host, lib.client());
                assertEquals(FLAKY / 4, failing.path("evidence").path("status5xx").asLong(), failing.toString());
                assertEquals(FLAKY / 4, failing.path("evidence").path("timeouts").asLong(), failing.toString());
                assertTrue(failing.path("evidence").path("errorTypesSinceStart").has("java.net.SocketTimeoutException"),
                        failing.toString());
                assertSite(failing, lib.scenario(), "flaky", lib.marker() + "-flaky-site");

                JsonNode noTimeout = externalFinding(report, "missing-timeout", host, lib.client());
                assertEquals(NO_TIMEOUT, noTimeout.path("evidence").path("withoutReadTimeout").asLong());
                assertEquals(0, noTimeout.path("evidence").path("withoutConnectTimeout").asLong());
                assertSite(noTimeout, lib.scenario(), "noTimeout", lib.marker() + "-no-timeout-site");
            }
            assertEquals(0, report.path("metrics").path("agent").path("internalErrors").asInt());
        }
    }

    @Test
    void clientsWithTimeOutsSetRaiseNoAlarm() throws Exception {
        try (FakeUpstream upstream = new FakeUpstream();
             AppProcess app = AppProcess.testApp()
                     .agent("report.dir=reports,evaluate.interval=200ms,http.min.requests=10")
                     .appArgs("--upstream", upstream.url()).name("http-client-libraries-healthy").start()) {
            app.awaitAgentStarted("premain");
            String host = "127.0.0.1:" + upstream.port();
            // The first call of each route loads the clients' classes (over a second on a busy machine): alone,
            // so that it is one slow request, and enough requests after it that it is not the p99.
            for (String route : List.of(APACHE.route() + "/ok", OKHTTP.route() + "/ok", OKHTTP.route() + "/async")) {
                Load.send(app, 1, 1, 200, i -> route);
            }
            Load.send(app, HEALTHY - 1, 4, 200, i -> APACHE.route() + "/ok");
            Load.send(app, HEALTHY / 2 - 1, 4, 200, i -> OKHTTP.route() + "/ok");
            Load.send(app, HEALTHY / 2 - 1, 4, 200, i -> OKHTTP.route() + "/async");

            JsonNode report = app.awaitReport(Duration.ofSeconds(30),
                    r -> external(r, APACHE.client(), "GET", host).path("calls").asLong() == HEALTHY
                            && external(r, OKHTTP.client(), "GET", host).path("calls").asLong() == HEALTHY,
                    "every outbound call recorded");
            Thread.sleep(1000); // several evaluations after the last call
            report = app.report();
            assertEquals(List.of(), Reports.alarms(report), "healthy run raised alarms:\n" + report.toPrettyString());
            for (Library lib : List.of(APACHE, OKHTTP)) {
                JsonNode calls = external(report, lib.client(), "GET", host);
                assertEquals(HEALTHY, calls.path("status").path("2xx").asLong(), calls.toString());
                assertEquals(0, calls.path("withoutReadTimeout").asLong(), calls.toString());
            }
        }
    }
}
