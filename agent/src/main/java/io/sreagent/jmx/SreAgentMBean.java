package io.sreagent.jmx;

import io.sreagent.core.AgentRuntime;
import io.sreagent.report.Report;
import io.sreagent.report.Trigger;

import java.lang.management.ManagementFactory;
import javax.management.ObjectName;

/** Serves on-demand reports over JMX. */
public final class SreAgentMBean implements SreAgentMXBean {
    /** Registers the MBean once the runtime is up, and takes it down at shutdown. */
    public static final class Endpoint implements AgentRuntime.Endpoint {
        @Override
        public void open(AgentRuntime runtime) throws Exception {
            ManagementFactory.getPlatformMBeanServer().registerMBean(new SreAgentMBean(runtime), new ObjectName(OBJECT_NAME));
        }

        @Override
        public void close() {
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(new ObjectName(OBJECT_NAME));
            } catch (Exception ignored) {
                // Not registered (start failed) or the server is going away with the JVM.
            }
        }
    }

    private final AgentRuntime runtime;

    private SreAgentMBean(AgentRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public String report(String format) {
        Report r = runtime.diagnostician().report(new Trigger(Trigger.Kind.ON_DEMAND, "requested over JMX"));
        return "text".equalsIgnoreCase(format) ? r.toText() : r.toJson();
    }

    @Override
    public String writeReport() {
        return runtime.writeReport(new Trigger(Trigger.Kind.ON_DEMAND, "requested over JMX"), false).toString();
    }

    @Override
    public String getVersion() {
        return AgentRuntime.version();
    }

    @Override
    public String getLoadedBy() {
        return runtime.loadedBy();
    }

    @Override
    public String getOptions() {
        return runtime.explicitOptions();
    }

    @Override
    public String getReportDirectory() {
        return runtime.files().dir().toString();
    }

    @Override
    public boolean isWoven() {
        return runtime.woven();
    }
}
