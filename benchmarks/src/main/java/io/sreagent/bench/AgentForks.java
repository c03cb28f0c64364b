package io.sreagent.bench;

/**
 * JVM arguments for the forks that run with the agent. Every benchmark class declares its
 * measurement once and two nested subclasses, {@code WithoutAgent} and {@code WithAgent}, whose only
 * difference is the {@code @Fork(jvmArgsAppend = ...)}: one JMH run then prints both rows side by side.
 * Paths are relative to the repository root, where the benchmarks are run from (see README).
 */
public final class AgentForks {
    /**
     * The packaged agent, quiet: no report files, no threshold reports, no shutdown report. The JFR
     * stream starts at once instead of 10 s in: its one-time set-up (up to seconds of CPU) would
     * otherwise land in the measurement iterations of a 2-core machine.
     */
    public static final String AGENT = "-javaagent:agent/target/sre-agent.jar="
            + "report.interval=off,report.shutdown=off,trigger.threshold=off,log.level=warn,jfr.delay=0s";
    /** The same with the stack of every JDBC connection acquisition captured. */
    public static final String AGENT_STACK_ALWAYS = AGENT + ",jdbc.stack=always";
    /** The same with JDBC stack capture off. */
    public static final String AGENT_STACK_NEVER = AGENT + ",jdbc.stack=never";

    private AgentForks() {
    }
}
