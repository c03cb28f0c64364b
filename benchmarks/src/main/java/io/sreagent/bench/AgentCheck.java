package io.sreagent.bench;

import java.lang.management.ManagementFactory;
import javax.management.MBeanServer;
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
     * In a with-agent fork, waits until the agent has started and woven its instrumentation (its MBean
     * says so), so that warm-up does not overlap the agent's own start-up and retransformation, and the
     * statements a benchmark prepares in its set-up are seen as an application's are; no-op without it.
     */
    public static void awaitAgent() {
        if (!withAgent()) {
            return;
        }
        long deadline = System.nanoTime() + 300_000_000_000L;
        try {
            ObjectName name = new ObjectName("io.sreagent:type=Agent");
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            while (!server.isRegistered(name) || !Boolean.TRUE.equals(server.getAttribute(name, "Woven"))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the agent did not start and weave within 5 minutes");
                }
                Thread.sleep(50);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Read from the command line: the agent's own system property is set later, on its thread. */
    static boolean withAgent() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream().anyMatch(a -> a.startsWith("-javaagent:"));
    }

    /** Prints one feature's entry of the agent's report metrics ("jdbc", "external", "threads", ...). */
    public static void printMetrics(String feature) {
        if (!withAgent()) {
            return;
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
