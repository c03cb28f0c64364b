package io.sreagent.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.sreagent.it.support.AppProcess;
import io.sreagent.it.support.Jdks;
import io.sreagent.it.support.Project;
import io.sreagent.it.support.Reports;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JFR stream in a real JVM finds the CPU burner, the leak and the contended lock the test app
 * makes, and raises nothing on a healthy service, idle or under load. JDK 17 and 25.
 */
@Isolated("its CPU figures need the machine to itself")
class JfrIT {
    private static final String SCENARIOS = "com/example/shop/scenario/";

    static List<Path> jdks() {
        return Jdks.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void regexBacktrackingIsTheHotMethodAtItsSite(Path java) {
        // hot.cores is lowered: on a shared 2-core machine the burning thread may get well under a core.
        // The window is 10 s, not a minute: samples come every 100 ms, so that hot-method's 50 can fill it.
        try (AppProcess app = AppProcess.testApp().java(java).name("cpu-burn")
                .agent("report.dir=reports,evaluate.interval=1s,hot.window=10s,hot.cores=0.1,jfr.sample.period=100ms").start()) {
            assertEquals(202, app.get("/cpu-burn?seconds=60"));
            JsonNode report = app.awaitReport(Duration.ofSeconds(45),
                    r -> Reports.findings(r, "hot-method").stream().anyMatch(f -> f.path("severity").asText().equals("warning")),
                    "a hot-method warning");
            JsonNode f = Reports.findings(report, "hot-method").get(0);
            JsonNode e = f.path("evidence");
            assertEquals("java.util.regex backtracking", e.path("culprit").asText(), f.toString());
            assertTrue(e.path("method").asText().startsWith("java.util.regex."), f.toString());
            assertTrue(e.path("sharePercent").asDouble() >= 50, f.toString());
            assertTrue(e.path("busyCores").asDouble() >= 0.1, f.toString());
            assertEquals("com.example.shop.scenario.CpuBurnScenario", f.path("site").path("class").asText(), f.toString());
            assertEquals("isValidCode", f.path("site").path("method").asText(), f.toString());
            assertEquals(Project.markerLine(SCENARIOS + "CpuBurnScenario.java", "cpu-burn-site"), f.path("site").path("line").asInt());
            assertTrue(f.path("stack").get(0).asText().startsWith("java.util.regex."), f.toString());
            assertTrue(f.path("advice").get(1).asText().contains("possessive"));
            assertTrue(app.stderr().contains("hot.window=10000ms with jfr.sample.period=100ms") && app.stderr().contains("hot-method needs 50"),
                    "a method at hot.cores=0.1 gives 10 samples in 10 s: the start says so: " + app.logs());
            JsonNode cpuThreads = report.path("metrics").path("jfr").path("cpu").path("topThreads");
            assertTrue(cpuThreads.toString().contains("cpu-burn") || report.path("metrics").path("jfr").path("profile").toString().contains("regex"),
                    report.path("metrics").path("jfr").toPrettyString());
        }
    }

    /** The regex engine's recursion puts the caller about a hundred frames below the leaf: jfr.stack.depth (128) keeps it. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aHotMethodUnderAHundredFramesOfRecursionKeepsItsSite(Path java) {
        try (AppProcess app = AppProcess.testApp().java(java).name("cpu-burn-deep")
                .agent("report.dir=reports,jfr.delay=0s,evaluate.interval=1s,hot.window=10s,hot.cores=0.1,jfr.sample.period=100ms").start()) {
            app.awaitAgentStarted("premain");
            assertEquals(202, app.get("/cpu-burn?seconds=60&deep=true"));
            JsonNode report = app.awaitReport(Duration.ofSeconds(45), r -> Reports.findings(r, "hot-method").stream()
                    .anyMatch(f -> f.path("severity").asText().equals("warning") && f.has("site")), "a hot-method warning with its site");
            JsonNode f = Reports.findings(report, "hot-method").get(0);
            assertEquals("java.util.regex backtracking", f.path("evidence").path("culprit").asText(), f.toString());
            assertEquals("com.example.shop.scenario.CpuBurnScenario", f.path("site").path("class").asText(), f.toString());
            assertEquals("isValidWord", f.path("site").path("method").asText(), f.toString());
            assertEquals(Project.markerLine(SCENARIOS + "CpuBurnScenario.java", "cpu-burn-deep-site"), f.path("site").path("line").asInt());
            assertEquals("128", report.path("metrics").path("jfr").path("stackDepth").asText());
        }
    }

    /**
     * Two burning threads can use the whole 2-core machine; the threshold is lowered to 30 % of it
     * (over 10 s) because the machine is shared with other test runs.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void twoBurningThreadsAreHighCpuWithTheirThreadsAndFrames(Path java) {
        try (AppProcess app = AppProcess.testApp().java(java).name("high-cpu")
                .agent("report.dir=reports,jfr.delay=0s,evaluate.interval=1s,cpu.threshold=30,cpu.window=10s").start()) {
            app.awaitAgentStarted("premain");
            assertEquals(202, app.get("/cpu-burn?seconds=90"));
            assertEquals(202, app.get("/cpu-burn?seconds=90"));
            // jdk.ThreadCPULoad comes every 10 s, and right after start the JIT's threads may still top it:
            // wait for a reading in which a burner leads.
            JsonNode report = app.awaitReport(Duration.ofSeconds(75), r -> Reports.findings(r, "high-cpu").stream()
                    .anyMatch(f -> f.path("evidence").path("topThreads").path(0).path("thread").asText().startsWith("cpu-burn")),
                    "high-cpu led by a burning thread");
            JsonNode f = Reports.findings(report, "high-cpu").get(0);
            JsonNode e = f.path("evidence");
            assertTrue(f.path("severity").asText().equals("warning") || f.path("severity").asText().equals("critical"), f.toString());
            assertTrue(e.path("jvmCpuPercentMean").asDouble() >= 30, f.toString());
            assertTrue(e.path("readingsAboveThreshold").asInt() >= 0.9 * e.path("readings").asInt(), f.toString());
            assertEquals(30.0, e.path("thresholdPercent").asDouble());
            assertTrue(e.path("hottestMethod").asText().startsWith("java.util.regex."), f.toString());
            JsonNode top = e.path("topThreads").get(0);
            assertTrue(top.path("thread").asText().startsWith("cpu-burn"), "the hottest thread is a burner: " + f);
            assertTrue(top.path("cpuPercentOfMachine").asDouble() >= 10, f.toString());
            assertTrue(top.path("shareOfJvmCpuPercent").asDouble() >= 20, f.toString());
            JsonNode frames = top.path("topFrames");
            assertTrue(frames.get(0).asText().matches("java\\.util\\.regex\\..* \\(\\d+ samples\\)"), "the burner runs the regex engine: " + f);
            assertFalse(app.stderr().contains("hot-method needs"), "the defaults (hot.window 1m, jfr.sample.period 300ms) let hot-method fill: " + app.logs());
        }
    }

    /** On the default options: the fast verdict (time to full) fires, and the class histograms follow half its window later. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void anUnboundedCacheIsMemoryGrowthNamingItsClass(Path java) throws Exception {
        try (AppProcess app = AppProcess.testApp().java(java).name("grow-cache").agent("report.dir=reports").start()) {
            AtomicBoolean done = new AtomicBoolean();
            Thread load = new Thread(() -> {
                while (!done.get() && app.isAlive()) {
                    app.get("/grow-cache?kb=512"); // about 1 MB/s: judged fast once the 2 min start-up window is over, long before 256 MB fill
                    sleep(500);
                }
            });
            load.start();
            JsonNode report;
            try {
                report = app.awaitReport(Duration.ofSeconds(200), r -> Reports.findings(r, "memory-growth").stream()
                        .anyMatch(f -> f.path("evidence").has("grownClasses")), "memory-growth with the grown classes");
            } finally {
                done.set(true);
                load.join();
            }
            JsonNode f = Reports.findings(report, "memory-growth").get(0);
            JsonNode e = f.path("evidence");
            assertEquals("critical", f.path("severity").asText(), "full in minutes: " + f);
            assertTrue(e.path("slopeMbPerMinute").asDouble() > 10, f.toString());
            assertTrue(e.path("correlation").asDouble() >= 0.9, f.toString());
            assertTrue(e.path("minutesToFull").asDouble() <= 10, f.toString());
            JsonNode entry = null;
            for (JsonNode c : e.path("grownClasses")) {
                if (c.path("class").asText().equals("com.example.shop.scenario.GrowCacheScenario$PriceList")) {
                    entry = c;
                }
            }
            assertTrue(entry != null, "the cached class is among the grown ones: " + e.path("grownClasses"));
            assertTrue(entry.path("instancesAdded").asLong() > 1000, entry.toString());
            assertTrue(report.path("metrics").path("memoryGrowth").path("classHistogramsTaken").asInt() >= 2);
            assertTrue(f.path("site").path("class").asText().startsWith("com.example.shop.scenario.GrowCacheScenario"), f.toString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aContendedMonitorIsReportedAtItsSiteWithAJfrRecordingBesideTheThresholdReport(Path java) throws Exception {
        try (AppProcess app = AppProcess.testApp().java(java).name("contention")
                .agent("report.dir=reports,evaluate.interval=1s,lock.window=10s,jfr.dump.age=1m").start()) {
            assertEquals(202, app.get("/contention?threads=4&seconds=60"));
            JsonNode report = app.awaitReport(Duration.ofSeconds(40), r -> Reports.has(r, "lock-contention"), "a lock-contention finding");
            JsonNode f = Reports.findings(report, "lock-contention").get(0);
            int line = assertScenarioContention(f, "addToTotals", "contention-site", "monitor", "java.lang.Object");
            assertEquals("com.example.shop.scenario.ContentionScenario.addToTotals(ContentionScenario.java:" + line + ")",
                    f.path("evidence").path("holderSite").asText(), f.toString());
            // Monitor waits are recorded without stacks until one is seen, then with them.
            JsonNode monitorStacks = report.path("metrics").path("jfr").path("monitorStacks");
            assertTrue(monitorStacks.path("on").asBoolean() && monitorStacks.path("timesSwitchedOn").asLong() >= 1
                    && monitorStacks.path("lockWaitsWithoutStack").asLong() >= 1, monitorStacks.toString());

            // Three waiters at all times is over 100 % of wall time: critical, so a threshold report with its recording.
            Path dir = app.workDir().resolve("reports");
            AppProcess.await(Duration.ofSeconds(20), () -> !Reports.files(dir, "threshold.jfr").isEmpty(), "a JFR recording beside the threshold report");
            Path jfr = Reports.files(dir, "threshold.jfr").get(0);
            Path json = dir.resolve(jfr.getFileName().toString().replace(".jfr", ".json"));
            assertTrue(Files.exists(json), "the recording has the report's name");
            assertTrue(Reports.has(Reports.read(json), "lock-contention"));
            try (InputStream in = Files.newInputStream(jfr)) {
                assertArrayEquals(new byte[]{'F', 'L', 'R', 0}, in.readNBytes(4), "a JFR file");
            }
            if (java.equals(Jdks.current())) {
                assertTrue(monitorEnterEvents(jfr) > 0, "the recording holds the waits");
            }
        }
    }

    /**
     * A java.util.concurrent lock: parks are not recorded until a thread is seen parked on a lock, then
     * with their stacks, so the finding still has the waiters' site.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aContendedReentrantLockIsReportedAtTheWaitersSite(Path java) {
        try (AppProcess app = AppProcess.testApp().java(java).name("lock-contention")
                .agent("report.dir=reports,jfr.delay=0s,evaluate.interval=1s,lock.window=10s").start()) {
            AppProcess.await(Duration.ofSeconds(60), () -> app.report().path("metrics").path("jfr").path("events").size() > 0, "the JFR stream to run");
            JsonNode before = app.report().path("metrics").path("jfr").path("parkStacks");
            assertFalse(before.path("on").asBoolean(true), "no lock waits yet, parks not recorded: " + before);

            assertEquals(202, app.get("/contention?threads=4&seconds=60&kind=lock"));
            JsonNode report = app.awaitReport(Duration.ofSeconds(40), r -> Reports.has(r, "lock-contention"), "a lock-contention finding");
            JsonNode f = Reports.findings(report, "lock-contention").get(0);
            assertScenarioContention(f, "addToTotalsUnderLock", "lock-contention-site", "lock", "java.util.concurrent.locks.ReentrantLock$NonfairSync");
            assertTrue(f.path("evidence").path("holderSite").asText().startsWith("com.example.shop.scenario.ContentionScenario."), f.toString());

            JsonNode stacks = report.path("metrics").path("jfr").path("parkStacks");
            assertTrue(stacks.path("on").asBoolean(), stacks.toString());
            assertTrue(stacks.path("timesSwitchedOn").asInt() >= 1, stacks.toString());
        }
    }

    /**
     * What a lock-contention finding on the contention scenario shows, whatever the lock: the waiters'
     * site at the marked line, the lock, two or more scenario threads waiting for at least 10 % of the
     * window, and a scenario thread holding it. Returns the marked line.
     */
    private static int assertScenarioContention(JsonNode f, String method, String marker, String kind, String lockClass) {
        int line = Project.markerLine(SCENARIOS + "ContentionScenario.java", marker);
        JsonNode site = f.path("site");
        assertEquals("com.example.shop.scenario.ContentionScenario", site.path("class").asText(), f.toString());
        assertEquals(method, site.path("method").asText(), f.toString());
        assertEquals(line, site.path("line").asInt(), f.toString());
        JsonNode e = f.path("evidence");
        assertEquals(kind, e.path("lockKind").asText());
        assertEquals(lockClass, e.path("lockClass").asText());
        assertTrue(e.path("waiters").size() >= 2, f.toString());
        e.path("waiters").forEach(w -> assertTrue(w.asText().startsWith("contention-"), f.toString()));
        assertTrue(e.path("waitedPercentOfWindow").asDouble() >= 10, f.toString());
        assertTrue(e.path("holderThread").asText().startsWith("contention-"), f.toString());
        return line;
    }

    private static long monitorEnterEvents(Path jfr) throws IOException {
        long n = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            if (e.getEventType().getName().equals("jdk.JavaMonitorEnter")) {
                n++;
            }
        }
        return n;
    }

    /**
     * Short windows so every JFR rule judges the run (samples every 100 ms, so that hot-method gets its
     * 50 in a 5 s window); idle first, then under load from 8 clients.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void aHealthyServiceIdleAndUnderLoadRaisesNoAlarm(Path java) throws Exception {
        String windows = "report.dir=reports,jfr.delay=0s,evaluate.interval=500ms,cpu.window=5s,hot.window=5s,gc.window=5s,lock.window=5s,jfr.sample.period=100ms";
        try (AppProcess app = AppProcess.testApp().java(java).name("jfr-healthy").agent(windows).start()) {
            Thread.sleep(11_000);
            JsonNode idle = app.report();
            assertEquals(List.of(), Reports.alarms(idle), "idle run raised alarms:\n" + idle.toPrettyString());

            ExecutorService clients = Executors.newFixedThreadPool(8);
            AtomicInteger failures = new AtomicInteger();
            AtomicInteger requests = new AtomicInteger();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            List<java.util.concurrent.Future<?>> running = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                running.add(clients.submit(() -> {
                    while (System.nanoTime() < end) {
                        int i = requests.incrementAndGet();
                        String path = switch (i % 3) {
                            case 0 -> "/orders";
                            case 1 -> "/orders/" + (1 + i % 500);
                            default -> "/health";
                        };
                        if (app.get(path) != 200) {
                            failures.incrementAndGet();
                        }
                    }
                }));
            }
            for (var r : running) {
                r.get();
            }
            clients.shutdown();
            JsonNode loaded = app.report();
            assertEquals(0, failures.get());
            assertEquals(List.of(), Reports.alarms(loaded), "healthy run under load raised alarms:\n" + loaded.toPrettyString());
            JsonNode jfr = loaded.path("metrics").path("jfr");
            assertTrue(jfr.path("profile").path("samples").asLong() > 0, "the stream delivers samples: " + jfr);
            assertTrue(jfr.path("events").toString().contains("jdk.ExecutionSample"), jfr.toString());
            assertFalse(jfr.has("unavailable"), "every event exists on Java 17 and 25: " + jfr.path("unavailable"));
            assertFalse(jfr.path("cpu").path("topThreads").toString().contains("sre-agent-"), "agent threads are left out");
            assertFalse(jfr.path("profile").toString().contains("io.sreagent."), "the agent's frames on application threads are folded into one [sre-agent] frame");
            assertEquals(0, loaded.path("metrics").path("agent").path("internalErrors").asInt());
            assertTrue(Reports.files(app.workDir().resolve("reports"), "threshold.json").isEmpty());
            sleep(6_500); // longer than lock.window: a lock wait seen under load has aged out
            JsonNode idleAgain = app.report().path("metrics").path("jfr");
            JsonNode parkStacks = idleAgain.path("parkStacks");
            JsonNode monitorStacks = idleAgain.path("monitorStacks");
            assertFalse(parkStacks.path("on").asBoolean(true), "idle again, parks are no longer recorded: " + parkStacks);
            assertFalse(monitorStacks.path("on").asBoolean(true), "idle again, monitor waits are recorded without stacks: " + monitorStacks);
            System.out.println("healthy load on " + java + ": " + requests.get() + " requests in 15 s; park stacks " + parkStacks + "; monitor stacks " + monitorStacks);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
