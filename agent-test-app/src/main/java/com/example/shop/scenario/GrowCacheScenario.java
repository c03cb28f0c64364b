package com.example.shop.scenario;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code GET /grow-cache?kb=N} (default 512): "caches" N KB of rendered price lists under keys that
 * never repeat, in a static map nobody evicts: the classic memory leak. Each entry is a
 * {@link PriceList} of 1 KB.
 */
public final class GrowCacheScenario extends HttpServlet {
    private static final Map<Long, PriceList> CACHE = new ConcurrentHashMap<>(); // leak-site
    private static final AtomicLong KEYS = new AtomicLong();

    /** One cached value: what the leak is made of, as a class histogram shows it. */
    public static final class PriceList {
        private final long key;
        private final byte[] rendered = new byte[1024];

        PriceList(long key) {
            this.key = key;
            rendered[0] = (byte) key;
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int kb = Math.min(64 * 1024, Integer.parseInt(CpuBurnScenario.parameter(request, "kb", "512")));
        for (int i = 0; i < kb; i++) {
            long key = KEYS.incrementAndGet();
            CACHE.put(key, new PriceList(key));
        }
        Responses.text(response, HttpServletResponse.SC_OK, "cache holds " + CACHE.size() + " entries");
    }
}
