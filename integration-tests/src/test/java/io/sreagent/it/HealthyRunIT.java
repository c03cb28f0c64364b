package io.sreagent.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.tools.attach.VirtualMachine;
import io.sreagent.it.support.AppProcess;
import io.sreagent.it.support.Jdks;
import io.sreagent.it.support.Reports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A healthy service under a few hundred requests gets no warning or critical finding. */
class HealthyRunIT {

    @Test
    void healthyTrafficRaisesNoAlarm() throws Exception {
        // Short windows so the heap and descriptor rules really judge this run instead of waiting for data.
        try (AppProcess app = AppProcess.testApp()
                .agent("report.dir=reports,evaluate.interval=200ms,heap.window=3s,fd.window=3s,fd.growth=16")
                .name("healthy").start()) {
            ExecutorService clients = Executors.newFixedThreadPool(8);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String path = switch (i % 3) {
                    case 0 -> "/orders";
                    case 1 -> "/orders/" + (1 + i % 500);
                    default -> "/health";
                };
                results.add(clients.submit(() -> app.get(path)));
            }
            for (Future<Integer> r : results) {
                assertEquals(200, r.get());
            }
            clients.shutdown();
            Thread.sleep(4000); // longer than the rule windows: every rule has judged the run
            JsonNode report = app.report();
            assertEquals(List.of(), Reports.alarms(report), "healthy run raised alarms:\n" + report.toPrettyString());
            assertTrue(report.path("metrics").path("agent").path("evaluations").asInt() >= 10);
            assertEquals(0, report.path("metrics").path("agent").path("internalErrors").asInt());
            assertTrue(report.path("metrics").path("agent").path("woven").asBoolean(), "the instrumentation is installed");
            JsonNode weavings = report.path("metrics").path("agent").path("weavings");
            assertTrue(weavings.path("jdbc:acquire").path("woven").asLong() >= 1, weavings.toString());
            assertTrue(weavings.path("http:servlet-jakarta").path("woven").asLong() >= 1, weavings.toString());
            weavings.fields().forEachRemaining(w -> assertEquals(0, w.getValue().path("failures").asLong(), w.getKey() + ": " + weavings));
            assertEquals(List.of(), Reports.findings(report, "weaving-failed"));
            assertTrue(Reports.files(app.workDir().resolve("reports"), "threshold.json").isEmpty());
            // no request ran past http.slow.p95: the slow-request sampler only looked, and walked no stack
            JsonNode sampler = report.path("metrics").path("http").path("slowRequestSampler");
            System.out.println("HealthyRunIT: slow-request sampler " + sampler);
            assertTrue(sampler.path("requestThreads").asInt() >= 8, sampler.toString());
            assertEquals(0, sampler.path("stacksTaken").asInt(), sampler.toString());
            assertEquals(0, sampler.path("internalErrors").asInt(), sampler.toString());
        }
    }

    static List<Path> jdks() {
        return Jdks.all();
    }

    /** JDK 25 warns about every use of sun.misc.Unsafe; the agent's copy of Byte Buddy must make none. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void theAgentPrintsNoWarningIntoTheApplicationsOutput(Path java) throws Exception {
        List<Path> leftBehindBefore = privateBootstrapCopies();
        try (AppProcess app = AppProcess.testApp().java(java).agent("report.dir=reports").name("quiet").start()) {
            app.awaitAgentStarted("premain");
            assertEquals(leftBehindBefore, privateBootstrapCopies(), "no per-JVM copy that a kill -9 would leave behind");
            assertEquals(200, app.get("/orders"));
            List<String> warnings = app.logs().lines()
                    .filter(l -> l.toLowerCase(Locale.ROOT).contains("warning"))
                    // The one notice the JVM prints when any agent appends to the bootstrap class path (README, Known limits).
                    .filter(l -> !l.contains("Sharing is only supported for boot loader classes because bootstrap classpath has been appended"))
                    .toList();
            assertEquals(List.of(), warnings, app.logs());
            assertFalse(app.logs().contains("SLF4J"), "the agent's shaded SLF4J stays silent: " + app.logs());
            List<String> agentLines = app.stderr().lines().filter(l -> l.contains("sre-agent")).toList();
            assertTrue(agentLines.stream().allMatch(l -> l.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[[A-Z]+\\] sre-agent - .*")),
                    "one log format: " + agentLines);
            VirtualMachine vm = VirtualMachine.attach(Long.toString(app.pid()));
            try {
                List<Object> loggerProperties = vm.getSystemProperties().keySet().stream()
                        .filter(k -> k.toString().contains("simpleLogger")).toList();
                assertEquals(List.of(), loggerProperties, "the agent leaves no logger settings in the application's properties");
            } finally {
                vm.detach();
            }
            // The JVM keeps the jars of its bootstrap class path open: which one it appended shows in /proc.
            Path shared = Path.of(System.getProperty("java.io.tmpdir"), "sre-agent-" + System.getProperty("user.name"));
            List<String> bootstrapJars = new ArrayList<>();
            try (var fds = Files.list(Path.of("/proc", Long.toString(app.pid()), "fd"))) {
                for (Path fd : fds.toList()) {
                    try {
                        String target = Files.readSymbolicLink(fd).toString();
                        if (target.contains("bootstrap")) {
                            bootstrapJars.add(target);
                        }
                    } catch (IOException closedMeanwhile) {
                        // a descriptor closed while listed
                    }
                }
            }
            assertEquals(1, bootstrapJars.size(), bootstrapJars.toString());
            assertTrue(bootstrapJars.get(0).matches(Pattern.quote(shared.toString()) + "/bootstrap-[0-9a-f]{24}\\.jar"),
                    "one bootstrap jar per agent build, shared by every JVM: " + bootstrapJars);
        }
    }

    private static List<Path> privateBootstrapCopies() throws IOException {
        try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(f -> f.getFileName().toString().startsWith("sre-agent-bootstrap-")).sorted().toList();
        }
    }
}
