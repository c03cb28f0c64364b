package io.sreagent.it;

import io.sreagent.it.support.AppProcess;
import io.sreagent.it.support.CliRun;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad options: one line naming the key and what it accepts; the agent stays out; the application runs normally. */
class BadOptionsIT {

    @Test
    void unknownAgentArgument() {
        check(b -> b.agent("report.dir=reports,reprot.keep=5"), "unknown option 'reprot.keep'");
    }

    @Test
    void malformedDurationFromSystemProperty() {
        check(b -> b.agent("").jvmArg("-Dsre.report.interval=5 minutes"), "option 'report.interval' has a bad value '5 minutes': expected a duration");
    }

    @Test
    void malformedNumberFromEnvironment() {
        check(b -> b.agent("").env("SRE_REPORT_KEEP", "ten"), "option 'report.keep' has a bad value 'ten': expected a whole number");
    }

    @Test
    void unwritableReportDirectory() throws IOException {
        Path aFile = Files.createTempFile("not-a-dir", ".txt");
        check(b -> b.agent("report.dir=" + aFile.resolve("reports")), "option 'report.dir'");
    }

    private static void check(UnaryOperator<AppProcess.Builder> setup, String expected) {
        try (AppProcess app = setup.apply(AppProcess.testApp().name("bad-options")).start()) {
            for (int i = 0; i < 20; i++) {
                assertEquals(200, app.get("/orders"), app.logs());
            }
            List<String> agentLines = app.stderr().lines().filter(l -> l.contains("sre-agent")).toList();
            assertEquals(1, agentLines.size(), "exactly one line from the agent:\n" + app.stderr());
            String line = agentLines.get(0);
            assertTrue(line.contains(expected), line);
            assertTrue(line.contains("not started") && line.contains("application runs without it"), line);
            CliRun report = CliRun.of("report", Long.toString(app.pid()));
            assertEquals(1, report.exitCode(), "the agent stayed out: " + report);
            assertTrue(app.isAlive());
        }
    }
}
