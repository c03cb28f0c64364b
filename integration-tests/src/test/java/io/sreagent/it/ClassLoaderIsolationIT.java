package io.sreagent.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.sreagent.it.support.AppProcess;
import io.sreagent.it.support.CliRun;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The agent's bundled libraries are relocated: an application with its own versions runs unchanged beside it. */
class ClassLoaderIsolationIT {

    @Test
    void applicationKeepsItsOwnByteBuddyHdrHistogramAndSlf4j() {
        try (AppProcess app = AppProcess.mainClass("io.sreagent.it.apps.ConflictingLibrariesApp")
                .agent("report.dir=reports").noPort().name("conflicts").start()) {
            app.awaitStdout("conflict-app ready");
            String out = app.stdout();
            assertTrue(out.contains("byte-buddy-1.14.19.jar says made by the app's Byte Buddy"), out);
            assertTrue(out.contains("HdrHistogram-2.1.12.jar p50=50"), out);
            assertTrue(out.contains("slf4j-api-1.7.36.jar binding=org.slf4j.impl.JDK14LoggerFactory"), out);
            // The app's own SLF4J logs through JUL (its binding), and finds exactly one binding.
            assertTrue(app.stderr().contains("application logging through its own SLF4J binding"), app.stderr());
            assertFalse(app.stderr().contains("multiple SLF4J bindings"), app.stderr());

            JsonNode report = app.report();
            assertEquals("premain", report.path("jvm").path("loadedBy").asText());
            app.awaitAgentStarted("premain");
            assertTrue(app.stderr().contains("[INFO] sre-agent - sre-agent"), "the agent logs through its own SLF4J:\n" + app.stderr());
            CliRun text = CliRun.of("report", Long.toString(app.pid()), "--format", "text").expectSuccess();
            assertTrue(text.out().contains("No findings"), text.out());
        }
    }
}
