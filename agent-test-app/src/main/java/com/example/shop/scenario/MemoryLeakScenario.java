package com.example.shop.scenario;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code GET /memory-leak?seconds=N} (default 120, at most 600): a thread named {@code memory-leak}
 * "audits" every order it renders into a static history nobody trims: about 1 MB a second stays
 * reachable, from one line, while the rendering itself makes ten times that in short-lived garbage,
 * as request handling does. Answers 202 at once.
 */
public final class MemoryLeakScenario extends HttpServlet {
    static final int RECORDS_PER_TICK = 100;
    static final int RECORD_BYTES = 1000;
    static final int RENDER_BYTES = 100 * 1024;
    private static final List<AuditRecord> HISTORY = Collections.synchronizedList(new ArrayList<>());
    private static final AtomicInteger RUNS = new AtomicInteger();
    private static volatile byte[] lastRendered;

    /** What the leak is made of: one audited order and its rendered copy. */
    public record AuditRecord(long sequence, byte[] rendered) {
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long seconds = Math.min(600, Long.parseLong(CpuBurnScenario.parameter(request, "seconds", "120")));
        ScenarioThreads.startDaemon(ScenarioThreads.name("memory-leak", RUNS.incrementAndGet()), () -> leak(seconds));
        Responses.text(response, HttpServletResponse.SC_ACCEPTED, "leaking about 1 MB/s for " + seconds + " s");
    }

    private static void leak(long seconds) {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long sequence = 0;
        List<AuditRecord> batch = new ArrayList<>(RECORDS_PER_TICK);
        while (System.nanoTime() < end) {
            for (int i = 0; i < RECORDS_PER_TICK; i++) {
                lastRendered = new byte[RENDER_BYTES / 10];
                batch.add(new AuditRecord(sequence++, new byte[RECORD_BYTES])); // memory-growth-site
            }
            HISTORY.addAll(batch);
            batch.clear();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
