package io.sreagent.bench;

import java.lang.management.ManagementFactory;
import javax.management.ObjectName;

/**
 * At the end of a with-agent fork, prints one feature's entry of the agent's report metrics (over its
 * MBean), showing the agent really observed what was measured; no-op in a fork without the agent.
 */
public final class FeatureMetrics {
    private static final int SHOWN = 600;

    private FeatureMetrics() {
    }

    public static void print(String metricsKey) {
        if (System.getProperty("io.sreagent.state") == null) {
            return;
        }
        try {
            String json = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("io.sreagent:type=Agent"), "report", new Object[] {"json"},
                    new String[] {String.class.getName()});
            int at = json.lastIndexOf("\"" + metricsKey + "\"");
            System.out.println();
            System.out.println("sre-agent saw: " + (at < 0 ? "no " + metricsKey + " metrics"
                    : json.substring(at, Math.min(json.length(), at + SHOWN)).replaceAll("\\s+", " ")));
        } catch (Exception e) {
            System.out.println("sre-agent check failed: " + e);
        }
    }
}
