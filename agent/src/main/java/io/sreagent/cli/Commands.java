package io.sreagent.cli;

import io.sreagent.Features;
import io.sreagent.config.ConfigException;
import io.sreagent.config.ConfigLoader;
import io.sreagent.core.AgentRuntime;
import io.sreagent.jmx.SreAgentMXBean;
import io.sreagent.report.ReportFiles;
import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import javax.management.InstanceNotFoundException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/** The CLI's commands. They talk to other JVMs through the attach API and JMX only. */
final class Commands {
    private static final long MBEAN_WAIT_MILLIS = 10_000;

    private Commands() {
    }

    static int list(PrintStream out) {
        out.printf("%-8s %-10s %s%n", "PID", "SRE-AGENT", "MAIN CLASS");
        long self = ProcessHandle.current().pid();
        for (VirtualMachineDescriptor d : VirtualMachine.list()) {
            if (d.id().equals(Long.toString(self))) {
                continue;
            }
            out.printf("%-8s %-10s %s%n", d.id(), agentState(d.id()), mainClass(d.displayName()));
        }
        return 0;
    }

    static int attach(String[] args, PrintStream out, PrintStream err) throws Exception {
        if (args.length < 1 || args.length > 2) {
            throw new Cli.UsageException("attach takes a pid and, optionally, options");
        }
        String pid = pid(args[0]);
        String options = args.length == 2 ? args[1] : "";
        try {
            new ConfigLoader(Features.options(Features.all())).load(options, Map.of(), Map.of());
        } catch (ConfigException e) {
            err.println("sre-agent: " + e.getMessage());
            return 2;
        }
        VirtualMachine vm = VirtualMachine.attach(pid);
        try {
            String state = vm.getSystemProperties().getProperty(AgentRuntime.STATE_PROPERTY);
            if (state != null) {
                out.println("sre-agent already runs in pid " + pid + " (started by " + state + "); nothing to do");
                String inForce = optionsInForce(pid);
                out.println("options in force: " + (inForce.isEmpty() ? "the defaults" : inForce));
                if (!options.isEmpty()) {
                    err.println("sre-agent: the options given now (" + options + ") are not applied: restart the JVM to change them");
                    return 1;
                }
                return 0;
            }
            try {
                vm.loadAgent(agentJar().toString(), options);
            } catch (com.sun.tools.attach.AgentInitializationException e) {
                // agentmain itself never throws; this is the JVM failing to run it
                err.println("sre-agent: the agent could not be initialised in pid " + pid + ": " + e.getMessage());
                return 1;
            }
            Properties after = vm.getSystemProperties();
            String refused = after.getProperty(AgentRuntime.REFUSED_PROPERTY);
            if (after.getProperty(AgentRuntime.STATE_PROPERTY) == null) {
                err.println("sre-agent: the agent did not start in pid " + pid + ": "
                        + (refused != null ? refused : "see that JVM's stderr") + "; the application runs on without it");
                return 1;
            }
            out.println("sre-agent loaded into pid " + pid + "; its log goes to that JVM's stderr");
            return 0;
        } finally {
            vm.detach();
        }
    }

    /** The options of the agent already running in {@code pid}, over its MBean. */
    private static String optionsInForce(String pid) {
        try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(localJmxAddress(pid, false)))) {
            return String.valueOf(connector.getMBeanServerConnection().getAttribute(new ObjectName(SreAgentMXBean.OBJECT_NAME), "Options"));
        } catch (Exception e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    static int report(String[] args, PrintStream out, PrintStream err) throws Exception {
        if (args.length < 1) {
            throw new Cli.UsageException("report takes a pid");
        }
        String pid = pid(args[0]);
        String format = "text";
        Path file = null;
        for (int i = 1; i < args.length; i++) {
            String flag = args[i];
            if (!flag.equals("--format") && !flag.equals("--out")) {
                throw new Cli.UsageException(flag.startsWith("-") ? "unknown flag '" + flag + "'" : "unexpected argument '" + flag + "'");
            }
            if (i + 1 >= args.length) {
                throw new Cli.UsageException(flag + " needs a value");
            }
            String value = args[++i];
            switch (flag) {
                case "--format" -> {
                    if (!value.equals("text") && !value.equals("json")) {
                        throw new Cli.UsageException("--format takes text or json, not '" + value + "'");
                    }
                    format = value;
                }
                case "--out" -> file = Path.of(value);
                default -> throw new Cli.UsageException("unknown flag '" + flag + "'");
            }
        }
        String report = fetchReport(pid, format);
        if (report == null) {
            err.println("sre-agent: pid " + pid + " does not run sre-agent; load it with: java -jar sre-agent.jar attach " + pid);
            return 1;
        }
        if (file == null) {
            out.print(report);
            return 0;
        }
        try {
            ReportFiles.writeOwnerOnly(file, report);
        } catch (java.io.IOException e) {
            err.println("sre-agent: cannot write " + file + ": " + reason(e));
            return 1;
        }
        out.println("report written to " + file);
        return 0;
    }

    /**
     * Asks the agent's MBean through the JVM's local JMX connector, which the attach API starts if
     * needed: no agent is loaded, so JDK 21+ prints no dynamic-loading warning. Null when no agent runs.
     */
    private static String fetchReport(String pid, String format) throws Exception {
        String address = localJmxAddress(pid, true);
        if (address == null) {
            return null;
        }
        try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            ObjectName name = new ObjectName(SreAgentMXBean.OBJECT_NAME);
            long deadline = System.currentTimeMillis() + MBEAN_WAIT_MILLIS;
            while (true) {
                try {
                    return (String) server.invoke(name, "report", new Object[]{format}, new String[]{String.class.getName()});
                } catch (InstanceNotFoundException starting) {
                    // The agent registers its MBean on its own thread just after the JVM starts.
                    if (System.currentTimeMillis() > deadline) {
                        throw new IllegalStateException("the agent in pid " + pid + " has not registered its MBean; see that JVM's stderr");
                    }
                    Thread.sleep(100);
                }
            }
        }
    }

    /**
     * The address of the JVM's local JMX connector, started through the attach API if needed (this
     * loads no agent). Null when {@code needAgent} and the JVM does not run sre-agent.
     */
    private static String localJmxAddress(String pid, boolean needAgent) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(pid);
        try {
            if (needAgent && vm.getSystemProperties().getProperty(AgentRuntime.STATE_PROPERTY) == null) {
                return null;
            }
            return vm.startLocalManagementAgent();
        } finally {
            vm.detach();
        }
    }

    /**
     * Writes a heap dump of another JVM through its HotSpotDiagnostic MBean, over the same local JMX
     * connection {@code report} uses. Says first how big it will be and that the JVM pauses meanwhile,
     * and refuses when the disk has not room for it. The target JVM writes the file, so the path is absolute.
     */
    static int heapdump(String[] args, PrintStream out, PrintStream err) throws Exception {
        if (args.length < 1) {
            throw new Cli.UsageException("heapdump takes a pid");
        }
        String pid = pid(args[0]);
        Path file = null;
        boolean all = false;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--all" -> all = true;
                case "--out" -> {
                    if (i + 1 >= args.length) {
                        throw new Cli.UsageException("--out needs a value");
                    }
                    file = Path.of(args[++i]);
                }
                default -> throw new Cli.UsageException("unknown flag '" + args[i] + "'");
            }
        }
        if (file == null) {
            file = Path.of("heap-pid" + pid + "-" + System.currentTimeMillis() + ".hprof");
        }
        file = file.toAbsolutePath();
        if (!file.getFileName().toString().endsWith(".hprof")) {
            throw new Cli.UsageException("--out must end with .hprof (the JVM insists)");
        }
        if (Files.exists(file)) {
            err.println("sre-agent: " + file + " exists; not overwriting it");
            return 1;
        }
        try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(localJmxAddress(pid, false)))) {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            MemoryUsage heap = ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.MEMORY_MXBEAN_NAME,
                    MemoryMXBean.class).getHeapMemoryUsage();
            long usable = Files.getFileStore(file.getParent()).getUsableSpace();
            out.printf("WARNING: pid %s uses %d MB of heap (max %d MB): the dump of %s objects will be up to that size,%n"
                            + "and the JVM stops while it is written (seconds per GB). Free space in %s: %d MB.%n",
                    pid, heap.getUsed() >> 20, heap.getMax() >> 20, all ? "all" : "live (a full GC first)",
                    file.getParent(), usable >> 20);
            if (heap.getUsed() > usable) {
                err.println("sre-agent: not enough free disk space for the dump; choose another place with --out");
                return 1;
            }
            HotSpotDiagnosticMXBean diagnostic = ManagementFactory.newPlatformMXBeanProxy(server,
                    "com.sun.management:type=HotSpotDiagnostic", HotSpotDiagnosticMXBean.class);
            long start = System.nanoTime();
            diagnostic.dumpHeap(file.toString(), !all);
            out.printf("heap dump written: %s (%d MB in %.1f s); open it with Eclipse MAT or VisualVM%n",
                    file, Files.size(file) >> 20, (System.nanoTime() - start) / 1e9);
            return 0;
        }
    }

    private static String agentState(String pid) {
        try {
            VirtualMachine vm = VirtualMachine.attach(pid);
            try {
                Properties p = vm.getSystemProperties();
                String state = p.getProperty(AgentRuntime.STATE_PROPERTY);
                return state == null ? "no" : "yes(" + state + ")";
            } finally {
                vm.detach();
            }
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static String mainClass(String displayName) {
        String first = displayName.isBlank() ? "" : displayName.trim().split("\\s+")[0];
        return first.isEmpty() ? "(unknown)" : first;
    }

    /** A pid of a running process; a number that names none is a failure of its own, with where to look. */
    private static String pid(String text) throws Cli.UsageException, NoSuchPid {
        if (!text.matches("\\d+")) {
            throw new Cli.UsageException("'" + text + "' is not a pid");
        }
        if (ProcessHandle.of(Long.parseLong(text)).isEmpty()) {
            throw new NoSuchPid("no process with pid " + text + " (java -jar sre-agent.jar list shows the local JVMs)");
        }
        return text;
    }

    static final class NoSuchPid extends Exception {
        NoSuchPid(String message) {
            super(message);
        }
    }

    private static String reason(java.io.IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "it exists and is not a file this user may replace";
        }
        return e.toString();
    }

    private static Path agentJar() throws Exception {
        return Path.of(Commands.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
