package io.sreagent.support;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's logger: the shaded slf4j-simple, to stderr, every line tagged {@code sre-agent} so it
 * can be grepped. Its system properties are relocated with the rest of SLF4J, so they never change
 * how the application's own SLF4J behaves.
 */
public final class AgentLog {
    private static final String PREFIX = "org.slf4j.simpleLogger.";

    private AgentLog() {
    }

    /** Must run before the first {@link #get()}; slf4j-simple reads its settings once. */
    public static void configure(String level) {
        System.setProperty(PREFIX + "defaultLogLevel", level);
        System.setProperty(PREFIX + "logFile", "System.err");
        System.setProperty(PREFIX + "showThreadName", "false");
        System.setProperty(PREFIX + "levelInBrackets", "true");
        System.setProperty(PREFIX + "showDateTime", "true");
        System.setProperty(PREFIX + "dateTimeFormat", "HH:mm:ss.SSS");
    }

    public static Logger get() {
        return LoggerFactory.getLogger("sre-agent");
    }

    /** For problems before the logger exists (bad options): one line, same tag. */
    public static void early(String message) {
        System.err.println("[sre-agent] " + message);
    }
}
