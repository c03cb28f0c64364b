package io.sreagent.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.sreagent.it.support.AppProcess;
import io.sreagent.it.support.Reports;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the agent keeps stays bounded however many distinct things the application shows it, and every
 * overflow says what it dropped: 100,000 distinct SQL texts, 100,000 distinct URL paths, 10,000 hosts,
 * 10,000 thread names and 12,000 listener holders (the registry keeps 10,000), with the default options.
 * The same flood runs in a twin JVM without the agent; the heap each holds after a full GC gives the
 * agent's share, which must stay under {@link #AGENT_HEAP_BOUND_MB}. The report must stay under
 * {@link #REPORT_BOUND_KB}, and the application must have answered everything.
 */
class CardinalityIT {
    static final int SQL = 100_000;
    static final int PATHS = 100_000;
    static final int HOSTS = 10_000;
    static final int THREADS = 10_000;
    static final int LISTENER_HOLDERS = 12_000;
    static final long AGENT_HEAP_BOUND_MB = 64;
    static final long REPORT_BOUND_KB = 512;

    @Test
    void everyTableStaysBoundedAndSaysWhatItDropped() throws Exception {
        long withoutAgentKb;
        try (AppProcess bare = AppProcess.testApp().jvmArg("-Xmx512m").name("cardinality-bare").start()) {
            flood(bare);
            withoutAgentKb = heapUsedAfterGcKb(bare);
        }
        try (AppProcess app = AppProcess.testApp().jvmArg("-Xmx512m").agent("report.dir=reports")
                .name("cardinality").start()) {
            JdbcChecks.awaitWoven(app);
            flood(app);
            long withAgentKb = heapUsedAfterGcKb(app);
            JsonNode report = app.report();
            int reportKb = report.toString().length() / 1024;
            JsonNode m = report.path("metrics");
            System.out.printf("CardinalityIT: heap after GC %d MB without the agent, %d MB with it (+%d MB); report %d KB%n",
                    withoutAgentKb / 1024, withAgentKb / 1024, (withAgentKb - withoutAgentKb) / 1024, reportKb);
            System.out.println("CardinalityIT: statements " + m.path("jdbc").path("statements").path("distinct")
                    + " (folded " + m.path("jdbc").path("statements").path("foldedIntoOther") + "), routes in other "
                    + m.path("http").path("requestsInOtherRoute") + ", calls to other hosts " + m.path("http").path("callsInOtherHost")
                    + ", listener holders dropped " + m.path("listeners").path("dropped"));

            JsonNode statements = m.path("jdbc").path("statements");
            assertTrue(statements.path("distinct").asInt() <= 201, statements.path("distinct").toString());
            assertTrue(statements.path("foldedIntoOther").asLong() >= SQL - 200, statements.path("foldedIntoOther").toString());
            JsonNode http = m.path("http");
            assertTrue(http.path("endpoints").size() <= http.path("routesLimit").asInt() + 2, "routes: " + http.path("endpoints").size());
            assertTrue(http.path("requestsInOtherRoute").asLong() >= PATHS - 200, http.path("requestsInOtherRoute").toString());
            assertTrue(http.path("external").size() <= http.path("hostsLimit").asInt() + 1, "hosts: " + http.path("external").size());
            // exact: one call per host, the first hostsLimit hosts kept apart (a refused call used to count twice)
            assertEquals(HOSTS - http.path("hostsLimit").asInt(), http.path("callsInOtherHost").asInt(), http.toString());
            JsonNode listeners = m.path("listeners");
            assertTrue(listeners.path("targets").asInt() <= 10_000, listeners.toString());
            assertTrue(listeners.path("dropped").asLong() >= LISTENER_HOLDERS - 10_000, listeners.toString());
            assertEquals(0, m.path("agent").path("internalErrors").asInt(), m.path("agent").toString());
            assertEquals(0, m.path("jdbc").path("internalErrors").asInt(), m.path("jdbc").path("internalErrors").toString());

            assertTrue(reportKb < REPORT_BOUND_KB, "report of " + reportKb + " KB");
            assertTrue(withAgentKb - withoutAgentKb < AGENT_HEAP_BOUND_MB * 1024,
                    "the agent holds " + (withAgentKb - withoutAgentKb) / 1024 + " MB after the flood");
            assertTrue(Reports.findings(report, "weaving-failed").isEmpty(), report.toPrettyString());
        }
    }

    /** Every kind of distinct thing, in batches, the URL paths from 8 clients at once; every answer must be 200. */
    private static void flood(AppProcess app) throws Exception {
        for (int from = 0; from < SQL; from += 10_000) {
            assertEquals(200, app.get("/cardinality?kind=sql&n=10000&from=" + from));
        }
        for (int from = 0; from < HOSTS; from += 1_000) {
            assertEquals(200, app.get("/cardinality?kind=hosts&n=1000&from=" + from));
        }
        for (int from = 0; from < THREADS; from += 1_000) {
            assertEquals(200, app.get("/cardinality?kind=threads&n=1000&from=" + from));
        }
        assertEquals(200, app.get("/cardinality?kind=listeners&n=" + LISTENER_HOLDERS));
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                int client = c;
                sent.add(clients.submit(() -> {
                    for (int i = client; i < PATHS; i += 8) {
                        assertEquals(200, app.get("/phase/" + letters(i)));
                    }
                    return null;
                }));
            }
            for (Future<?> f : sent) {
                f.get();
            }
        } finally {
            clients.shutdownNow();
        }
    }

    /** A path segment of letters only, so route normalisation keeps it as it is: one distinct route each. */
    static String letters(int i) {
        StringBuilder s = new StringBuilder("p");
        for (int n = i; ; n /= 26) {
            s.append((char) ('a' + n % 26));
            if (n < 26) {
                return s.toString();
            }
        }
    }

    /** Heap in use after two full GCs, from {@code jcmd GC.heap_info}. */
    private static long heapUsedAfterGcKb(AppProcess app) throws IOException, InterruptedException {
        JdbcH2IT.gc(app);
        JdbcH2IT.gc(app);
        Path jcmd = app.java().resolveSibling("jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(app.pid()), "GC.heap_info").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        Matcher used = Pattern.compile("total \\d+K, used (\\d+)K").matcher(out);
        assertTrue(used.find(), out);
        return Long.parseLong(used.group(1));
    }
}
