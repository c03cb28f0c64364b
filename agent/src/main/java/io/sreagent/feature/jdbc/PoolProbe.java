package io.sreagent.feature.jdbc;

import java.lang.reflect.Method;

/**
 * Reads a connection pool's own figures by reflection (the agent has no compile-time dependency on any
 * pool): its name, maximum size, connections in use and, where the pool says, threads waiting. HikariCP,
 * Commons DBCP2 and Tomcat JDBC are known; for any other data source there is no probe and the agent
 * counts the connections it sees held. Any failure makes the probe report nothing rather than guess.
 */
abstract class PoolProbe {
    /** What a probe reads when the pool does not say how many threads wait. */
    static final int WAITING_UNKNOWN = -1;

    /** The pool library's name as reports show it. */
    abstract String kind();

    /** The pool's own name, or null. */
    abstract String name(Object source);

    /** {inUse, max, threadsAwaiting (or {@link #WAITING_UNKNOWN})}, or null while the pool cannot be read. */
    abstract int[] read(Object source);

    /** A probe for a pool the agent knows, or null for anything else. */
    static PoolProbe of(Object source) {
        for (Class<?> c = source.getClass(); c != null; c = c.getSuperclass()) {
            try {
                switch (c.getName()) {
                    case "com.zaxxer.hikari.HikariDataSource":
                        return new Hikari(c);
                    case "org.apache.commons.dbcp2.BasicDataSource":
                        return new Getters("DBCP2", c, null, "getMaxTotal", "getNumActive", null);
                    case "org.apache.tomcat.jdbc.pool.DataSourceProxy":
                        return new Getters("Tomcat JDBC", c, "getName", "getMaxActive", "getActive", "getWaitCount");
                    default:
                        break;
                }
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                return null;
            }
        }
        return null;
    }

    /** HikariCP: name and maximum from HikariDataSource, in use and waiting from its pool MXBean. */
    private static final class Hikari extends PoolProbe {
        private final Method poolName;
        private final Method maximumPoolSize;
        private final Method poolMXBean;

        Hikari(Class<?> type) throws ReflectiveOperationException {
            poolName = type.getMethod("getPoolName");
            maximumPoolSize = type.getMethod("getMaximumPoolSize");
            poolMXBean = type.getMethod("getHikariPoolMXBean");
        }

        @Override
        String kind() {
            return "HikariCP";
        }

        @Override
        String name(Object source) {
            return text(poolName, source);
        }

        @Override
        int[] read(Object source) {
            try {
                Object bean = poolMXBean.invoke(source);
                if (bean == null) {
                    return null; // not started yet
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

    /** A pool whose data source answers plain getters (DBCP2, Tomcat JDBC). */
    private static final class Getters extends PoolProbe {
        private final String kind;
        private final Method name;
        private final Method max;
        private final Method inUse;
        private final Method waiting;

        Getters(String kind, Class<?> type, String name, String max, String inUse, String waiting)
                throws ReflectiveOperationException {
            this.kind = kind;
            this.name = name == null ? null : type.getMethod(name);
            this.max = type.getMethod(max);
            this.inUse = type.getMethod(inUse);
            this.waiting = waiting == null ? null : type.getMethod(waiting);
        }

        @Override
        String kind() {
            return kind;
        }

        @Override
        String name(Object source) {
            return name == null ? null : text(name, source);
        }

        @Override
        int[] read(Object source) {
            try {
                int m = ((Number) max.invoke(source)).intValue();
                int used = ((Number) inUse.invoke(source)).intValue();
                int w = waiting == null ? WAITING_UNKNOWN : ((Number) waiting.invoke(source)).intValue();
                return m > 0 ? new int[] {used, m, w} : null; // 0 or negative: unbounded or not configured yet
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                return null;
            }
        }
    }

    private static String text(Method getter, Object source) {
        try {
            Object n = getter.invoke(source);
            return n == null ? null : n.toString();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }
}
