package io.sreagent.support;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * The agent's logger: the shaded slf4j-simple, to stderr, every line {@code HH:mm:ss.SSS [LEVEL] sre-agent - ...}
 * so it can be grepped. slf4j-simple is configured by system properties, which it reads once: they are
 * set, the logger is made on this thread (so no other agent thread can log during SLF4J's initialisation,
 * which makes it print a "calls intercepted and replayed" notice), and they are removed again, so the
 * application's JVM is left without them. Their names are relocated with the rest of SLF4J anyway.
 */
public final class AgentLog {
    private static final String PREFIX = "org.slf4j.simpleLogger.";
    private static final String[][] SETTINGS = {
            {"logFile", "System.err"}, {"showThreadName", "false"}, {"levelInBrackets", "true"},
            {"showDateTime", "true"}, {"dateTimeFormat", "HH:mm:ss.SSS"}};
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private AgentLog() {
    }

    /** Must run before the first {@link #get()}: slf4j-simple reads its settings once. */
    public static void configure(String level) {
        System.setProperty(PREFIX + "defaultLogLevel", level);
        for (String[] s : SETTINGS) {
            System.setProperty(PREFIX + s[0], s[1]);
        }
        try {
            get().debug("logging at level {}", level);
        } finally {
            System.clearProperty(PREFIX + "defaultLogLevel");
            for (String[] s : SETTINGS) {
                System.clearProperty(PREFIX + s[0]);
            }
        }
    }

    public static Logger get() {
        return LoggerFactory.getLogger("sre-agent");
    }

    /** For problems before the logger exists (bad options): one line, in the logger's format. */
    public static void early(String level, String message) {
        System.err.println(TIME.format(LocalTime.now()) + " [" + level + "] sre-agent - " + message);
    }
}
