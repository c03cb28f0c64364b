package io.sreagent.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.sreagent.it.support.AppProcess;
import io.sreagent.it.support.CliRun;
import io.sreagent.it.support.Jdks;
import io.sreagent.it.support.Project;
import io.sreagent.it.support.Reports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Dynamic attach to a JVM started without the agent; report, list and a second attach. */
class AttachIT {

    static List<Path> jdks() {
        return Jdks.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void attachThenReportThenSecondAttachIsANoOp(Path java) {
        try (AppProcess app = AppProcess.testApp().java(java).name("attach").start()) {
            String pid = Long.toString(app.pid());
            assertTrue(CliRun.with(java, "list").expectSuccess().out().lines()
                    .anyMatch(l -> l.startsWith(pid + " ") && l.contains(" no ")), "list shows the JVM without an agent");
            CliRun report = CliRun.with(java, "report", pid);
            assertEquals(1, report.exitCode(), report.toString());
            assertTrue(report.err().contains("does not run sre-agent"), report.err());

            CliRun attach = CliRun.with(java, "attach", pid, "report.dir=reports,evaluate.interval=500ms").expectSuccess();
            assertTrue(attach.out().contains("loaded into pid " + pid), attach.out());
            assertEquals(202, app.get("/deadlock"));

            JsonNode r = app.awaitReport(Duration.ofSeconds(20), x -> Reports.has(x, "deadlock"), "a deadlock after attach");
            assertEquals("agentmain", r.path("jvm").path("loadedBy").asText());
            assertEquals(app.pid(), r.path("jvm").path("pid").asLong());
            assertEquals("on-demand", r.path("trigger").path("kind").asText());
            app.awaitReport(Duration.ofSeconds(30), x -> x.path("metrics").path("agent").path("woven").asBoolean(), "the instrumentation installed after attach");

            CliRun again = CliRun.with(java, "attach", pid).expectSuccess();
            assertTrue(again.out().contains("already runs in pid " + pid), again.out());
            assertTrue(again.out().contains("options in force: evaluate.interval=500ms (agent argument), report.dir=reports (agent argument)")
                    || again.out().contains("options in force: report.dir=reports (agent argument), evaluate.interval=500ms (agent argument)"), again.out());
            CliRun otherOptions = CliRun.with(java, "attach", pid, "report.interval=1m");
            assertEquals(1, otherOptions.exitCode(), otherOptions.toString());
            assertTrue(otherOptions.err().contains("(report.interval=1m) are not applied"), otherOptions.err());
            assertTrue(CliRun.with(java, "list").expectSuccess().out().lines()
                    .anyMatch(l -> l.startsWith(pid + " ") && l.contains("yes(agentmain)")));

            String text = CliRun.with(java, "report", pid, "--format", "text").expectSuccess().out();
            assertTrue(text.contains("[CRITICAL] deadlock"), text);
            app.awaitAgentStarted("agentmain");
            assertEquals(1, count(app.stderr(), "started (agentmain)"), "one agent started:\n" + app.stderr());
            assertFalse(app.stderr().contains("Exception"), app.stderr());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void attachWithABadOptionIsRefusedBeforeTouchingTheJvm(Path java) {
        try (AppProcess app = AppProcess.testApp().java(java).name("attach-bad").start()) {
            CliRun run = CliRun.with(java, "attach", Long.toString(app.pid()), "report.interval=often");
            assertEquals(2, run.exitCode());
            assertTrue(run.err().contains("'report.interval'") && run.err().contains("expected"), run.err());
            assertFalse(app.stderr().contains("sre-agent"), app.stderr());
            assertEquals(200, app.get("/orders"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aSecondJavaagentCopyDoesNotStartASecondAgent(Path java) throws Exception {
        Path copy = Files.copy(Project.agentJar(), Project.workDir("agent-copy").resolve("copy-of-sre-agent.jar"));
        try (AppProcess app = AppProcess.testApp().java(java).jvmArg("-javaagent:" + copy + "=report.dir=reports")
                .agent("report.dir=reports").name("two-agents").start()) {
            AppProcess.await(Duration.ofSeconds(20), () -> app.stderr().contains("not starting a second copy"), "the second copy to step aside");
            // The first copy logs "started" only once it has woven, which takes a while on a busy machine.
            app.awaitAgentStarted("premain");
            assertEquals(1, count(app.stderr(), "started (premain)"), app.stderr());
            assertEquals("premain", app.report().path("jvm").path("loadedBy").asText());
            CliRun again = CliRun.with(java, "attach", Long.toString(app.pid())).expectSuccess();
            assertTrue(again.out().contains("already runs"), again.out());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void anAttachTheAgentRefusesFailsWithItsReason(Path java) throws Exception {
        try (AppProcess app = AppProcess.testApp().java(java).name("attach-refused").start()) {
            String pid = Long.toString(app.pid());
            CliRun refused = CliRun.with(java, "attach", pid, "report.dir=/proc/sre-agent-cannot-write-here");
            assertEquals(1, refused.exitCode(), refused.toString());
            assertTrue(refused.err().contains("did not start in pid " + pid) && refused.err().contains("'report.dir'"), refused.err());
            assertEquals(200, app.get("/orders"), "the application runs on");

            CliRun.with(java, "attach", pid, "report.dir=reports").expectSuccess();
            Path out = app.workDir().resolve("report-by-cli.txt");
            CliRun.with(java, "report", pid, "--out", out.toString()).expectSuccess();
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)), "whatever the umask");
            CliRun noDir = CliRun.with(java, "report", pid, "--out", "/nonexistent-dir/x.txt");
            assertEquals(1, noDir.exitCode(), noDir.toString());
            assertTrue(noDir.err().contains("cannot write /nonexistent-dir/x.txt: no such directory"), noDir.err());
        }
    }

    @Test
    void commandLineMistakesAreNamed() {
        Path java = Jdks.all().get(0);
        CliRun bogus = CliRun.with(java, "report", Long.toString(ProcessHandle.current().pid()), "--bogus");
        assertEquals(2, bogus.exitCode(), bogus.toString());
        assertTrue(bogus.err().contains("unknown flag '--bogus'"), bogus.err());
        CliRun extra = CliRun.with(java, "report", Long.toString(ProcessHandle.current().pid()), "extra");
        assertEquals(2, extra.exitCode(), extra.toString());
        assertTrue(extra.err().contains("unexpected argument 'extra'"), extra.err());
        CliRun gone = CliRun.with(java, "report", "999999999");
        assertEquals(1, gone.exitCode(), gone.toString());
        assertTrue(gone.err().contains("no process with pid 999999999") && gone.err().contains("list"), gone.err());
        CliRun version = CliRun.with(java, "--version").expectSuccess();
        assertTrue(version.out().matches("sre-agent \\S+\\s*"), version.out());
    }

    private static long count(String text, String what) {
        return text.lines().filter(l -> l.contains(what)).count();
    }
}
