package io.sreagent.it;

import io.sreagent.it.support.AppProcess;
import io.sreagent.it.support.CliRun;
import io.sreagent.it.support.Reports;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Secrets and personal data where the agent could pick them up: a database password, SQL literals (an
 * e-mail address, a card number), a token in query strings and in an Authorization header, an exception
 * message with the e-mail address. Every file the agent wrote (JSON and text reports of every trigger,
 * the JFR dump beside the threshold report, a CLI report) and the agent's lines in the application's output are searched:
 * none of them may appear.
 */
class SecretsIT {
    private static final String EMAIL = "alice.secret@example.com";
    private static final String CARD = "4111111111111111";
    private static final String TOKEN = "sk-live-7f3a9c2e";
    private static final String DB_PASSWORD = "s3cr3t-db-pass";
    private static final List<String> SECRETS = List.of(EMAIL, "alice.secret", CARD, TOKEN, DB_PASSWORD, "Bearer");

    @Test
    void nothingTheAgentWritesHoldsASecret() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        List<String> seen = new ArrayList<>();
        try (AppProcess app = AppProcess.testApp().agent("report.dir=reports")
                .appArgs("--jdbc-password", DB_PASSWORD).name("secrets").start()) {
            app.awaitAgentStarted("premain");
            // The JFR stream starts jfr.delay (10 s) after launch; the threshold report the failing requests
            // raise (endpoint-errors, critical) then has a recording beside it.
            AppProcess.await(Duration.ofSeconds(60), () -> app.report().path("metrics").path("jfr")
                    .path("dumpBesideThresholdReports").asText().equals("on"), "the JFR stream to run");
            for (int i = 0; i < 30; i++) {
                String path = "/secrets?token=" + TOKEN + "&email=" + EMAIL + (i % 3 == 0 ? "&fail=1" : "");
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                        .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(i % 3 == 0 ? 500 : 200, r.statusCode(), r.body());
            }
            Path reports = app.workDir().resolve("reports");
            AppProcess.await(Duration.ofSeconds(60), () -> !Reports.files(reports, "threshold.jfr").isEmpty(), "the JFR dump beside the threshold report");

            String json = app.report().toString();
            assertTrue(json.contains("/secrets"), "the route was recorded: " + json);
            assertTrue(json.contains("SELECT COUNT(*) FROM customers WHERE name = ? OR name = ?"), "the statement shape was recorded");
            seen.add("on-demand JSON:\n" + json);
            Path cliText = app.workDir().resolve("cli-report.txt");
            CliRun.with(app.java(), "report", Long.toString(app.pid()), "--format", "text", "--out", cliText.toString()).expectSuccess();
            seen.add("CLI text report:\n" + Files.readString(cliText));
            app.stop(); // a shutdown report too
            // The application logs its own exception, secrets and all: only the agent's lines are the agent's.
            seen.add("the agent's lines in the application's output:\n"
                    + String.join("\n", app.logs().lines().filter(l -> l.contains("sre-agent")).toList()));
            try (Stream<Path> files = Files.list(reports)) {
                for (Path f : files.sorted().toList()) {
                    seen.add(f.getFileName() + ":\n" + (f.toString().endsWith(".jfr") ? jfrText(f) : Files.readString(f, StandardCharsets.UTF_8)));
                }
            }
            assertTrue(seen.stream().anyMatch(s -> s.startsWith("sre-agent-") && s.contains("-shutdown.json")), "a shutdown report was written");
        }
        for (String output : seen) {
            for (String secret : SECRETS) {
                assertFalse(output.contains(secret), "'" + secret + "' in " + output.lines().findFirst().orElse("") + "\n" + excerpt(output, secret));
            }
        }
    }

    /** Every event of the recording, with every field, as text. */
    private static String jfrText(Path file) throws IOException {
        StringBuilder out = new StringBuilder();
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            out.append(e).append('\n');
        }
        assertTrue(out.length() > 0, "the recording holds events: " + file);
        return out.toString();
    }

    private static String excerpt(String text, String secret) {
        int i = text.indexOf(secret);
        return text.substring(Math.max(0, i - 300), Math.min(text.length(), i + 100));
    }
}
