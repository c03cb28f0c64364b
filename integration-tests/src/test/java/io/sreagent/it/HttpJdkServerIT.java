package io.sreagent.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.example.jdkserver.JdkHttpServerApp;
import io.sreagent.it.http.FakeUpstream;
import io.sreagent.it.http.Load;
import io.sreagent.it.support.AppProcess;
import io.sreagent.it.support.Jdks;
import io.sreagent.it.support.Reports;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.sreagent.it.http.HttpReports.awaitInstrumented;
import static io.sreagent.it.http.HttpReports.endpoint;
import static io.sreagent.it.http.HttpReports.externalFinding;
import static io.sreagent.it.http.HttpReports.finding;
import static io.sreagent.it.http.HttpReports.hasFinding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An application on the JDK's com.sun.net.httpserver (lambda handlers, a filter) with the agent. */
class HttpJdkServerIT {

    static List<Path> jdks() {
        return Jdks.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void jdkServerRoutesErrorsAndBreakdown(Path java) throws Exception {
        try (FakeUpstream upstream = new FakeUpstream();
             AppProcess app = AppProcess.mainClass(JdkHttpServerApp.class.getName()).java(java)
                     .agent("report.dir=reports,evaluate.interval=500ms,http.min.requests=10")
                     .appArgs(upstream.url()).name("http-jdk-server").start()) {
            awaitInstrumented(app, "/health", "GET", "/health");
            String host = "127.0.0.1:" + upstream.port();

            Load.send(app, 40, 4, 200, i -> "/items/" + (1000 + i));
            Load.send(app, 20, 4, 500, i -> "/broken");
            Load.send(app, 12, 4, 200, i -> "/proxy");
            for (int i = 0; i < 12; i++) {
                // The JDK server closes the connection when a handler throws: the caller sees no response.
                // A raw socket, because HTTP clients retry a GET whose connection was closed.
                assertEquals("", rawGet(app.port(), "/crash"));
            }

            JsonNode report = app.awaitReport(Duration.ofSeconds(30),
                    r -> endpoint(r, "GET", "/crash").path("requests").asLong() == 12
                            && endpoint(r, "GET", "/proxy").path("requests").asLong() == 12
                            // Findings come from the last evaluation, which may precede the last requests.
                            && hasFinding(r, "endpoint-errors", "route", "/crash")
                            && hasFinding(r, "slow-endpoint", "route", "/proxy"),
                    "all requests recorded and judged");

            assertEquals(40, endpoint(report, "GET", "/items/{id}").path("requests").asLong(),
                    "once per request through the filter chain\n" + report.toPrettyString());

            JsonNode broken = finding(report, "endpoint-errors", "route", "/broken");
            assertEquals(20, broken.path("evidence").path("serverErrors").asLong());
            // No exception: the line that sent the 500 (the app's own helper, the first application frame).
            assertEquals("status-set", broken.path("evidence").path("siteFrom").asText(), broken.toString());
            assertEquals(JdkHttpServerApp.class.getName(), broken.path("site").path("class").asText(), broken.toString());
            assertEquals("answer", broken.path("site").path("method").asText(), broken.toString());
            assertEquals(markerLine("status-site"), broken.path("site").path("line").asInt(), broken.toString());

            JsonNode crash = finding(report, "endpoint-errors", "route", "/crash");
            assertEquals(12, crash.path("evidence").path("exceptionsSinceStart").path("java.lang.UnsupportedOperationException").asLong());
            assertEquals(JdkHttpServerApp.class.getName(), crash.path("site").path("class").asText(), crash.toString());
            assertEquals(markerLine("crash-site"), crash.path("site").path("line").asInt());

            JsonNode slow = finding(report, "slow-endpoint", "route", "/proxy");
            assertTrue(slow.path("evidence").path("externalPercent").asDouble() >= 75, slow.toString()); // the rest: first-call class loading, reading the body
            assertEquals(host, slow.path("evidence").path("dominantHost").asText());
            double p50 = slow.path("evidence").path("p50Ms").asDouble();
            assertTrue(p50 >= FakeUpstream.SLOW_MILLIS * 0.99, "p50 " + p50);

            JsonNode slowCall = externalFinding(report, "slow-external-call", host, "HttpURLConnection");
            assertEquals(12, slowCall.path("evidence").path("calls").asLong());
            assertEquals(JdkHttpServerApp.class.getName(), slowCall.path("site").path("class").asText(), slowCall.toString());
            assertFalse(Reports.has(report, "missing-timeout"), "every call had both time-outs");

            for (String route : List.of("/health", "/items/{id}")) {
                assertFalse(hasFinding(report, "slow-endpoint", "route", route));
                assertFalse(hasFinding(report, "endpoint-errors", "route", route));
            }
        }
    }

    /** Sends one GET and returns whatever came back before the server closed the connection. */
    private static String rawGet(int port, String path) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    private static int markerLine(String marker) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("src/test/java/com/example/jdkserver/JdkHttpServerApp.java"));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(marker)) {
                return i + 1;
            }
        }
        throw new AssertionError("no marker " + marker);
    }
}
