package io.sreagent.feature.jfr;

import jdk.jfr.FlightRecorder;

import java.lang.management.ManagementFactory;
import javax.management.ObjectName;

/**
 * JFR keeps the innermost frames of a stack up to its stack depth (the JVM's default is 64): in a
 * deeper stack the leaf method stays, but the application frame that called into a deep library (an
 * ORM, a recursive parser) can be cut off, and hot-method loses its site. The depth is a JVM-wide
 * setting that takes effect only before JFR first runs in the JVM ({@code JFR.configure stackdepth},
 * here through the DiagnosticCommand MBean); when the application already records (or after a late
 * attach that finds JFR running) the JVM's depth stays and this says so.
 */
final class JfrStackDepth {
    private JfrStackDepth() {
    }

    /** Sets the depth if JFR has not started yet; returns what the stream's stacks are cut at, for the report. */
    static String apply(int depth) throws Exception {
        if (FlightRecorder.isInitialized()) {
            return "the JVM's (JFR was already running)";
        }
        ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
                "jfrConfigure", new Object[]{new String[]{"stackdepth=" + depth}}, new String[]{String[].class.getName()});
        return Integer.toString(depth);
    }
}
