package io.sreagent.cli;

import java.io.PrintStream;
import java.util.Arrays;

/** {@code java -jar sre-agent.jar list | attach <pid> [options] | report <pid> [--format text|json] [--out FILE] | heapdump <pid> [--out FILE.hprof] [--all] | help} */
public final class Cli {
    static final String USAGE = String.join("\n",
            "usage: java -jar sre-agent.jar <command>",
            "  list                                  local JVMs: pid, main class, whether sre-agent runs in them",
            "  attach <pid> [key=value,...]          load the agent into a running JVM (a no-op if it already runs there)",
            "  report <pid> [--format text|json] [--out FILE]",
            "                                        print the current report of a JVM running the agent",
            "  heapdump <pid> [--out FILE.hprof] [--all]",
            "                                        write a heap dump of a JVM (live objects unless --all); warns about its size",
            "  help, --version                       this text; the agent's version",
            "Options are the same keys as -javaagent:sre-agent.jar=key=value,...; see the README.");

    private Cli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command; returns the process exit code (0 ok, 1 failed, 2 bad usage). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            out.println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        if (args[0].equals("--version") || args[0].equals("version")) {
            out.println("sre-agent " + io.sreagent.core.AgentRuntime.version());
            return 0;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            return switch (args[0]) {
                case "list" -> Commands.list(out);
                case "attach" -> Commands.attach(rest, out, err);
                case "report" -> Commands.report(rest, out, err);
                case "heapdump" -> Commands.heapdump(rest, out, err);
                default -> {
                    err.println("sre-agent: unknown command '" + args[0] + "'\n" + USAGE);
                    yield 2;
                }
            };
        } catch (UsageException e) {
            err.println("sre-agent: " + e.getMessage() + "\n" + USAGE);
            return 2;
        } catch (Commands.NoSuchPid e) {
            err.println("sre-agent: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            err.println("sre-agent: " + args[0] + " failed: " + e.getMessage());
            return 1;
        }
    }

    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }
}
