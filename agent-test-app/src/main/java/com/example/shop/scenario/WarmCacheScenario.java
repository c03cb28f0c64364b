package com.example.shop.scenario;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code GET /warm-cache?mb=N&seconds=S} (defaults 32 MB, 20 s): a bounded price cache warms up, N MB
 * of 1 KB entries filled over S seconds, then keeps serving with a trickle of new prices that evict
 * the eldest (least recently used): heap used after GC rises while it fills and then stays flat.
 * Every entry is rendered through a 10 KB buffer, the same short-lived garbage per entry as
 * {@link MemoryLeakScenario}, and the trickle renders at the leak's pace, so both collect as often.
 * What a healthy service does after a deploy; answers 202 at once.
 */
public final class WarmCacheScenario extends HttpServlet {
    private static final AtomicInteger RUNS = new AtomicInteger();
    private static volatile byte[] lastRendered;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int mb = Math.min(128, Integer.parseInt(CpuBurnScenario.parameter(request, "mb", "32")));
        int seconds = Math.max(1, Math.min(120, Integer.parseInt(CpuBurnScenario.parameter(request, "seconds", "20"))));
        ScenarioThreads.startDaemon(ScenarioThreads.name("warm-cache", RUNS.incrementAndGet()), () -> warm(mb * 1024, seconds));
        Responses.text(response, HttpServletResponse.SC_ACCEPTED, "warming a " + mb + " MB cache over " + seconds + " s");
    }

    private static void warm(int entries, int seconds) {
        Map<Long, byte[]> cache = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
                return size() > entries;
            }
        });
        int perTick = Math.max(1, entries / (seconds * 10));
        long key = 0;
        while (true) {
            boolean warming = key < entries;
            int n = warming ? perTick : 10; // warm, then a trickle of fresh prices
            for (int i = 0; i < n; i++) {
                lastRendered = new byte[MemoryLeakScenario.RENDER_BYTES / 10];
                cache.put(key++, new byte[1024]);
            }
            for (int i = n; i < MemoryLeakScenario.RECORDS_PER_TICK; i++) {
                lastRendered = new byte[MemoryLeakScenario.RENDER_BYTES / 10]; // pages served from the cache
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
