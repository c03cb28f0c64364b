package io.sreagent.it.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.sreagent.it.support.AppProcess;
import io.sreagent.it.support.Project;
import io.sreagent.it.support.Reports;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Reading the HTTP part of a report: metrics.http.endpoints / external, and findings by route or host. */
public final class HttpReports {
    private HttpReports() {
    }

    /** The endpoint entry of {@code method route}, or a missing node. */
    public static JsonNode endpoint(JsonNode report, String method, String route) {
        for (JsonNode e : report.path("metrics").path("http").path("endpoints")) {
            if (e.path("method").asText().equals(method) && e.path("route").asText().equals(route)) {
                return e;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    /** The outbound entry of one client library, method and host, or a missing node. */
    public static JsonNode external(JsonNode report, String client, String method, String host) {
        for (JsonNode e : report.path("metrics").path("http").path("external")) {
            if (e.path("client").asText().equals(client) && e.path("method").asText().equals(method)
                    && e.path("host").asText().equals(host)) {
                return e;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    /** The one finding of {@code id} whose evidence {@code key} is {@code value}. */
    public static JsonNode finding(JsonNode report, String id, String key, String value) {
        List<JsonNode> matching = Reports.findings(report, id).stream()
                .filter(f -> f.path("evidence").path(key).asText().equals(value)).toList();
        assertEquals(1, matching.size(), "one " + id + " with " + key + "=" + value + " in\n" + report.toPrettyString());
        return matching.get(0);
    }

    /** The one finding of {@code id} for this outbound host and client library. */
    public static JsonNode externalFinding(JsonNode report, String id, String host, String client) {
        List<JsonNode> matching = Reports.findings(report, id).stream()
                .filter(f -> f.path("evidence").path("host").asText().equals(host))
                .filter(f -> f.path("evidence").path("client").asText(client).equals(client)).toList();
        assertEquals(1, matching.size(), "one " + id + " for " + client + " " + host + " in\n" + report.toPrettyString());
        return matching.get(0);
    }

    public static boolean hasFinding(JsonNode report, String id, String key, String value) {
        return Reports.findings(report, id).stream().anyMatch(f -> f.path("evidence").path(key).asText().equals(value));
    }

    /** The site names the test-app line carrying {@code marker}. */
    public static void assertSite(JsonNode finding, String scenario, String method, String marker) {
        JsonNode site = finding.path("site");
        String source = "com/example/shop/scenario/" + scenario + ".java";
        assertEquals("com.example.shop.scenario." + scenario, site.path("class").asText(), finding.toString());
        assertEquals(method, site.path("method").asText(), finding.toString());
        assertEquals(Project.markerLine(source, marker), site.path("line").asInt(), finding.toString());
    }

    /** Requests made before the agent has woven the server are not seen: wait until one is. */
    public static void awaitInstrumented(AppProcess app, String probePath, String method, String route) {
        app.awaitReport(Duration.ofSeconds(60), r -> {
            app.get(probePath);
            return endpoint(r, method, route).path("requests").asLong() > 0;
        }, "the agent to see requests to " + probePath);
    }
}
