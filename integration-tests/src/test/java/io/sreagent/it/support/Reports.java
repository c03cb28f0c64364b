package io.sreagent.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reading reports (JSON per the published schema) and report files. */
public final class Reports {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Reports() {
    }

    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not a JSON report: " + json, e);
        }
    }

    public static JsonNode read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The active findings with this id (a recovered one is history, not a problem now). */
    public static List<JsonNode> findings(JsonNode report, String id) {
        return withState(report, id, "active");
    }

    /** The findings with this id that stopped and are listed as recovered. */
    public static List<JsonNode> recovered(JsonNode report, String id) {
        return withState(report, id, "recovered");
    }

    private static List<JsonNode> withState(JsonNode report, String id, String state) {
        List<JsonNode> out = new ArrayList<>();
        report.path("findings").forEach(f -> {
            if (f.path("id").asText().equals(id) && f.path("state").asText("active").equals(state)) {
                out.add(f);
            }
        });
        return out;
    }

    public static boolean has(JsonNode report, String id) {
        return !findings(report, id).isEmpty();
    }

    /** Findings of severity warning or critical: a healthy run must have none. */
    public static List<JsonNode> alarms(JsonNode report) {
        List<JsonNode> out = new ArrayList<>();
        report.path("findings").forEach(f -> {
            String s = f.path("severity").asText();
            if (s.equals("warning") || s.equals("critical")) {
                out.add(f);
            }
        });
        return out;
    }

    /** Report files in a directory, oldest first (their names sort by time). */
    public static List<Path> files(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("sre-agent-") && p.toString().endsWith(suffix))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
