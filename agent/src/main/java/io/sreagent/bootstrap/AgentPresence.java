package io.sreagent.bootstrap;

/**
 * Lives in the bootstrap class loader, so there is exactly one per JVM whichever loader or jar copy
 * the agent was started from: it is how a second premain or attach sees that an agent already runs.
 * Only java.base may be used here.
 */
public final class AgentPresence {
    private static String loadedBy;

    private AgentPresence() {
    }

    /** Claims the JVM for this agent; false when another start already did. */
    public static synchronized boolean claim(String mode) {
        if (loadedBy != null) {
            return false;
        }
        loadedBy = mode;
        return true;
    }

    /** How the running agent was started (premain or agentmain), or null. */
    public static synchronized String loadedBy() {
        return loadedBy;
    }
}
