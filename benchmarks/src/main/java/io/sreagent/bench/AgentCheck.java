package io.sreagent.bench;

import java.lang.management.ManagementFactory;
import javax.management.ObjectName;

/**
 * Shows at the end of a fork that the agent really observed what was measured (a with-agent row
 * that equals the without-agent row could otherwise mean that nothing was woven): prints the JDBC
 * (or HTTP) part of the agent's current report, fetched over its MBean.
 */
public final class AgentCheck {
    private AgentCheck() {
    }

    /**
     * In a with-agent fork, waits until the agent has started and woven (it registers its MBean last),
     * so that warm-up does not overlap the agent's own start-up and retransformation; no-op without it.
     */
    public static void awaitAgent() {
        if (System.getProperty("io.sreagent.state") == null) {
            return;
        }
        long deadline = System.nanoTime() + 300_000_000_000L;
        try {
            ObjectName name = new ObjectName("io.sreagent:type=Agent");
            while (!ManagementFactory.getPlatformMBeanServer().isRegistered(name)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the agent did not start within 5 minutes");
                }
                Thread.sleep(50);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static void printJdbcMetrics() {
        printMetrics("jdbc");
    }

    public static void printHttpMetrics() {
        printMetrics("external");
    }

    private static void printMetrics(String feature) {
        if (System.getProperty("io.sreagent.state") == null) {
            return; // a fork without the agent
        }
        try {
            String json = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("io.sreagent:type=Agent"), "report", new Object[] {"json"},
                    new String[] {String.class.getName()});
            int at = json.lastIndexOf("\"" + feature + "\"");  // the metrics entry, after the feature list
            System.out.println();
            System.out.println("sre-agent saw: " + (at < 0 ? "no " + feature + " metrics"
                    : json.substring(at, Math.min(json.length(), at + 1200)).replaceAll("\\s+", " ")));
        } catch (Exception e) {
            System.out.println("sre-agent check failed: " + e);
        }
    }
}
