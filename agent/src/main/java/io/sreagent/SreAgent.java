package io.sreagent;

import io.sreagent.bootstrap.AgentPresence;
import io.sreagent.config.Config;
import io.sreagent.config.ConfigException;
import io.sreagent.config.ConfigLoader;
import io.sreagent.config.CoreOptions;
import io.sreagent.core.AgentRuntime;
import io.sreagent.core.Feature;
import io.sreagent.jmx.SreAgentMBean;
import io.sreagent.report.ReportFiles;
import io.sreagent.support.AgentLog;
import io.sreagent.weave.BootstrapInjector;

import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Entry points: {@code premain} for {@code -javaagent:sre-agent.jar[=options]}, {@code agentmain}
 * for {@code sre-agent attach <pid>} (synchronous, so the attaching CLI sees failures). Whatever goes wrong here is reported in one line and the
 * application carries on without the agent.
 */
public final class SreAgent {
    private SreAgent() {
    }

    /**
     * Returns at once: configuration, the bootstrap jar and everything after happen on the agent's own
     * thread, so the application's main method does not wait for the agent.
     */
    public static void premain(String args, Instrumentation inst) {
        Thread init = new Thread(new Starter(args, inst), "sre-agent-init");
        init.setDaemon(true);
        init.start();
    }

    /** A class, not a lambda: the first lambda in a JVM costs milliseconds that premain should not spend. */
    private static final class Starter implements Runnable {
        private final String args;
        private final Instrumentation inst;

        Starter(String args, Instrumentation inst) {
            this.args = args;
            this.inst = inst;
        }

        @Override
        public void run() {
            start(args, inst, "premain");
        }
    }

    public static void agentmain(String args, Instrumentation inst) {
        start(args, inst, "agentmain");
    }

    private static void start(String args, Instrumentation inst, String mode) {
        try {
            List<Feature> features = Features.all();
            Config config;
            try {
                config = load(args, features);
            } catch (ConfigException e) {
                AgentLog.early("ERROR", e.getMessage() + "; the agent is not started and the application runs without it");
                refused(mode, e.getMessage());
                return;
            }
            // Only now: a rejected configuration leaves no trace in the JVM, not even on the bootstrap path.
            BootstrapInjector.inject(inst, agentJar());
            if (!AgentPresence.claim(mode)) {
                AgentLog.early("INFO", "already running in this JVM (started by " + AgentPresence.loadedBy() + "); not starting a second copy");
                return;
            }
            AgentLog.configure(config.get(CoreOptions.LOG_LEVEL));
            new AgentRuntime(config, inst, mode, features, new SreAgentMBean.Endpoint()).start();
        } catch (Throwable t) {
            AgentLog.early("ERROR", "could not start (" + t + "); the application runs without the agent");
            refused(mode, "could not start (" + t + ")");
        }
    }

    /**
     * After a refused attach, the reason, where the attaching CLI reads it (the attach API passes back no
     * message). Set only then, and cleared by the next attach that starts.
     */
    private static void refused(String mode, String reason) {
        if (mode.equals("agentmain")) {
            System.setProperty(AgentRuntime.REFUSED_PROPERTY, reason);
        }
    }

    /** Options from every source, validated, plus the check that reports can be written. */
    static Config load(String args, List<Feature> features) throws ConfigException {
        ConfigLoader loader = new ConfigLoader(Features.options(features));
        Map<String, String> props = new HashMap<>();
        System.getProperties().forEach((k, v) -> props.put(String.valueOf(k), String.valueOf(v)));
        Config config = loader.load(args, props, System.getenv());
        loader.warnings().forEach(w -> AgentLog.early("WARN", w));
        Path dir = config.reportDir();
        try {
            ReportFiles.checkWritable(dir);
        } catch (IOException | SecurityException e) {
            throw new ConfigException("option '" + CoreOptions.REPORT_DIR.key() + "' = '" + dir + "' is not a writable directory ("
                    + e.getClass().getSimpleName() + "): expected a directory the JVM's user can create and write");
        }
        return config;
    }

    static Path agentJar() {
        try {
            return Path.of(SreAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception e) {
            throw new IllegalStateException("cannot locate the agent jar", e);
        }
    }
}
