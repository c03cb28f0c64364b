package io.sreagent.jmx;

/**
 * The agent's management interface, registered as {@value #OBJECT_NAME}: the CLI's {@code report}
 * command calls it, and so can JConsole or VisualVM.
 */
public interface SreAgentMXBean {
    String OBJECT_NAME = "io.sreagent:type=Agent";

    /** The current report, as "json" or "text". */
    String report(String format);

    /** Writes the current report to the report directory and returns the paths written. */
    String writeReport();

    String getVersion();

    String getLoadedBy();

    String getReportDirectory();

    /** The options set explicitly, each with where it came from ("key=value (source)", comma-separated); empty for none. */
    String getOptions();

    /**
     * True once the instrumentation is installed. The MBean is registered before that (weaving can take
     * seconds), so calls made until then are not seen by the woven features.
     */
    boolean isWoven();
}
