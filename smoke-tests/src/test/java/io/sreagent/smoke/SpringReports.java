package io.sreagent.smoke;

import com.fasterxml.jackson.databind.JsonNode;
import io.sreagent.it.support.Reports;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** What the smoke tests read from a report: endpoints by "METHOD route", statement shapes, alarms. */
final class SpringReports {
    /** A number standing alone (not part of a name such as o1_0 or FK7q...): a literal the redaction missed. */
    static final Pattern NUMBER_LITERAL = Pattern.compile("(?<![\\w.$])\\d+(?![\\w.])");

    private SpringReports() {
    }

    static JsonNode endpoint(JsonNode report, String methodAndRoute) {
        for (JsonNode e : report.path("metrics").path("http").path("endpoints")) {
            if ((e.path("method").asText() + " " + e.path("route").asText()).equals(methodAndRoute)) {
                return e;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    static List<String> routes(JsonNode report) {
        List<String> out = new ArrayList<>();
        report.path("metrics").path("http").path("endpoints")
                .forEach(e -> out.add(e.path("method").asText() + " " + e.path("route").asText()));
        return out;
    }

    static List<String> statementShapes(JsonNode report) {
        List<String> out = new ArrayList<>();
        report.path("metrics").path("jdbc").path("statements").path("top").forEach(s -> out.add(s.path("sql").asText()));
        return out;
    }

}
