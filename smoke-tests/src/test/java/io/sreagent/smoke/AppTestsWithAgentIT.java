package io.sreagent.smoke;

import com.fasterxml.jackson.databind.JsonNode;
import io.sreagent.it.support.Reports;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The smoke app's own @SpringBootTest tests ran in this build's test phase with the agent in surefire's
 * argLine (see the pom): they passed, and the agent was really there, since its shutdown report is in
 * target/agent-reports with the requests those tests made.
 */
class AppTestsWithAgentIT {
    private static final Pattern COUNTS = Pattern.compile("tests=\"(\\d+)\" errors=\"(\\d+)\" skipped=\"(\\d+)\" failures=\"(\\d+)\"");

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theAppsOwnTestsPassedWithTheAgentOn() throws IOException {
        Path surefire = Path.of(System.getProperty("it.surefire.reports"));
        List<Path> results;
        try (Stream<Path> s = Files.list(surefire)) {
            results = s.filter(p -> p.getFileName().toString().matches("TEST-com\\.example\\.smoke\\..*\\.xml")).sorted().toList();
        }
        assertEquals(2, results.size(), "OwnerApiTests and VetsOverHttpTests: " + results);
        for (Path r : results) {
            Matcher m = COUNTS.matcher(Files.readString(r));
            assertTrue(m.find(), r.toString());
            assertTrue(Integer.parseInt(m.group(1)) >= 2, r + ": tests=" + m.group(1));
            assertEquals("0", m.group(2), r + " errors");
            assertEquals("0", m.group(3), r + " skipped");
            assertEquals("0", m.group(4), r + " failures");
        }

        List<Path> shutdown = Reports.files(Path.of(System.getProperty("it.agent.reports")), "-shutdown.json");
        assertFalse(shutdown.isEmpty(), "the agent's shutdown report of the surefire JVM");
        Path newest = shutdown.get(shutdown.size() - 1);
        // This build's, not a stale one: the JVM wrote it at exit, after surefire wrote its results.
        long resultsWritten = results.stream().mapToLong(AppTestsWithAgentIT::modified).max().orElseThrow();
        assertTrue(modified(newest) >= resultsWritten - 2000, newest + " is older than this build's test results");
        JsonNode report = Reports.read(newest);
        assertEquals("premain", report.path("jvm").path("loadedBy").asText());
        assertTrue(report.path("metrics").path("agent").path("woven").asBoolean(), report.path("metrics").path("agent").toString());
        // MockMvc requests pass DispatcherServlet.service too; the RANDOM_PORT test's went through Tomcat.
        assertTrue(SpringReports.endpoint(report, "GET /owners/{id}").path("requests").asLong() >= 2, SpringReports.routes(report).toString());
        assertTrue(SpringReports.endpoint(report, "GET /vets").path("requests").asLong() >= 1, SpringReports.routes(report).toString());
        assertTrue(report.path("metrics").path("jdbc").path("statements").path("distinct").asInt() > 0);
    }
}
