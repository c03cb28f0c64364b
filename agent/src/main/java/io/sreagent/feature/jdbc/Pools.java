package io.sreagent.feature.jdbc;

import io.sreagent.support.WeakIdentityMap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The connection sources seen so far, found by identity. Few in practice; more than
 * {@code MAX_POOLS} share one entry so a program creating data sources in a loop stays bounded.
 */
public final class Pools {
    static final int MAX_POOLS = 32;
    static final String OTHER = "(other sources)";

    private final WeakIdentityMap<Object, PoolStats> bySource = new WeakIdentityMap<>(MAX_POOLS);
    private final Map<String, PoolStats> byName = new LinkedHashMap<>();
    private final long slowAcquireNanos;
    private final long windowMillis;
    private volatile PoolStats lastUsed;

    public Pools(long slowAcquireNanos, long windowMillis) {
        this.slowAcquireNanos = slowAcquireNanos;
        this.windowMillis = windowMillis;
    }

    public PoolStats of(Object source) {
        PoolStats last = lastUsed;
        if (last != null && last.isFor(source)) {
            return last; // most applications have one pool: skip the table look-up
        }
        PoolStats p = bySource.get(source);
        p = p != null ? p : register(source);
        lastUsed = p;
        return p;
    }

    private synchronized PoolStats register(Object source) {
        PoolStats p = bySource.get(source);
        if (p != null) {
            return p;
        }
        PoolProbe probe = PoolProbe.of(source);
        String name = probe == null ? null : probe.name(source);
        boolean driver = isDriver(source.getClass());
        if (name == null) {
            name = (driver ? "DriverManager/" : "") + source.getClass().getName();
        }
        String unique = name;
        for (int i = 2; byName.containsKey(unique); i++) {
            unique = name + "#" + i;
        }
        p = new PoolStats(unique, probe != null ? probe.kind() : driver ? "Driver" : "DataSource", source, probe,
                slowAcquireNanos, windowMillis);
        if (!bySource.put(source, p)) {
            return byName.computeIfAbsent(OTHER, k -> new PoolStats(OTHER, "mixed", new Object(), null, slowAcquireNanos,
                    windowMillis));
        }
        byName.put(unique, p);
        return p;
    }

    private static boolean isDriver(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (i.getName().equals("java.sql.Driver")) {
                    return true;
                }
            }
        }
        return false;
    }

    public synchronized List<PoolStats> all() {
        return new ArrayList<>(byName.values());
    }
}
