package io.sreagent.feature.jdbc;

import java.lang.reflect.Method;

/**
 * Reads a HikariCP pool's figures by reflection (the agent has no compile-time dependency on it):
 * name and maximum size from HikariDataSource, active connections and waiting threads from its
 * pool MXBean. Any failure makes the probe report nothing rather than guess.
 */
final class HikariProbe {
    private final Method poolName;
    private final Method maximumPoolSize;
    private final Method poolMXBean;

    private HikariProbe(Class<?> type) throws ReflectiveOperationException {
        poolName = type.getMethod("getPoolName");
        maximumPoolSize = type.getMethod("getMaximumPoolSize");
        poolMXBean = type.getMethod("getHikariPoolMXBean");
    }

    /** A probe for a HikariDataSource, or null for anything else. */
    static HikariProbe of(Object source) {
        for (Class<?> c = source.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals("com.zaxxer.hikari.HikariDataSource")) {
                try {
                    return new HikariProbe(c);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    return null;
                }
            }
        }
        return null;
    }

    String name(Object source) {
        try {
            Object n = poolName.invoke(source);
            return n == null ? null : n.toString();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** {active, max, threadsAwaiting}, or null while the pool is not started or cannot be read. */
    int[] read(Object source) {
        try {
            Object bean = poolMXBean.invoke(source);
            if (bean == null) {
                return null;
            }
            Class<?> api = Class.forName("com.zaxxer.hikari.HikariPoolMXBean", false, source.getClass().getClassLoader());
            int active = (Integer) api.getMethod("getActiveConnections").invoke(bean);
            int waiting = (Integer) api.getMethod("getThreadsAwaitingConnection").invoke(bean);
            int max = (Integer) maximumPoolSize.invoke(source);
            return new int[] {active, max, waiting};
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }
}
