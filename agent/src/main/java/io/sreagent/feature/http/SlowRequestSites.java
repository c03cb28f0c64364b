package io.sreagent.feature.http;

import io.sreagent.report.Site;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where one route's slow requests were seen by the {@link SlowRequestSampler}: its latest sampled
 * requests (site and number of samples), so the window's sites can be summed, and the latest stack of
 * up to {@link #STACKS} sites.
 */
final class SlowRequestSites {
    static final int KEPT = 64;
    static final int STACKS = 8;

    private record Seen(long atMillis, Site site, int samples) {
    }

    private final Seen[] latest = new Seen[KEPT];
    private int next;
    private final ConcurrentHashMap<Site, List<String>> stacks = new ConcurrentHashMap<>();

    /** A request that ended at {@code atMillis} was sampled {@code samples} times, latest at {@code site}. */
    synchronized void add(long atMillis, Site site, List<String> stack, int samples) {
        latest[next] = new Seen(atMillis, site, samples);
        next = (next + 1) % KEPT;
        if (stacks.containsKey(site) || stacks.size() < STACKS) {
            stacks.put(site, stack);
        }
    }

    /** Samples per site of the kept requests that ended after {@code fromMillis}, most first. */
    synchronized Map<Site, Long> since(long fromMillis) {
        Map<Site, Long> bySite = new LinkedHashMap<>();
        for (Seen s : latest) {
            if (s != null && s.atMillis() > fromMillis) {
                bySite.merge(s.site(), (long) s.samples(), Long::sum);
            }
        }
        List<Map.Entry<Site, Long>> sorted = new ArrayList<>(bySite.entrySet());
        sorted.sort(Map.Entry.<Site, Long>comparingByValue().reversed().thenComparing(e -> e.getKey().toString()));
        Map<Site, Long> out = new LinkedHashMap<>();
        sorted.forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** The latest stack seen at {@code site}, or null. */
    List<String> stackOf(Site site) {
        return stacks.get(site);
    }
}
