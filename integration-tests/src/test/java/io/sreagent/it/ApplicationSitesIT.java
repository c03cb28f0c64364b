package io.sreagent.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.sreagent.it.support.AppProcess;
import io.sreagent.it.support.Jdks;
import io.sreagent.it.support.Project;
import io.sreagent.it.support.Reports;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An application under {@code org.springframework.samples}, a prefix the site skip list holds for
 * Spring itself: its main class's package makes it the application's, so its deadlock and its thread
 * starts are attributed to its own lines, with the default options.
 */
class ApplicationSitesIT {
    private static final String SOURCE = "org/springframework/samples/shop/LibraryLikeApp.java";

    static List<Path> jdks() {
        return Jdks.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void anApplicationUnderALibraryLikePackageGetsItsSites(Path java) throws IOException {
        try (AppProcess app = AppProcess.mainClass("org.springframework.samples.shop.LibraryLikeApp").java(java)
                .agent("report.dir=reports").noPort().name("library-like").start()) {
            app.awaitAgentStarted("premain");
            Files.createFile(app.workDir().resolve("go"));
            app.awaitStdout("ready");
            JsonNode report = app.awaitReport(Duration.ofSeconds(60), r -> Reports.has(r, "deadlock"), "a deadlock finding");
            JsonNode f = Reports.findings(report, "deadlock").get(0);
            assertEquals("org.springframework.samples.shop.LibraryLikeApp", f.path("site").path("class").asText(), f.toString());
            assertEquals("LibraryLikeApp.java", f.path("site").path("file").asText(), f.toString());
            assertEquals(Project.itMarkerLine(SOURCE, "// library-like-deadlock-site"), f.path("site").path("line").asInt(), f.toString());

            JsonNode packages = report.path("agent").path("applicationPackages");
            assertTrue(packages.toString().contains("\"org.springframework.samples.shop.*\""), packages.toString());
            int startLine = Project.itMarkerLine(SOURCE, "// library-like-start-site");
            boolean startSiteFound = false;
            for (JsonNode s : report.path("metrics").path("threads").path("startSites")) {
                if (s.path("site").asText().equals("org.springframework.samples.shop.LibraryLikeApp.main(LibraryLikeApp.java:" + startLine + ")")) {
                    startSiteFound = true;
                    assertEquals(3, s.path("started").asInt(), s.toString());
                }
            }
            assertTrue(startSiteFound, "the workers' start site is the app's line " + startLine + ": "
                    + report.path("metrics").path("threads").path("startSites"));
        }
    }
}
