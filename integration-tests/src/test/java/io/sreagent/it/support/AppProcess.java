package io.sreagent.it.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real JVM started for a test: the test app (or another main class) with or without the packaged
 * agent. Output goes to files in the test's work directory, so a failing test can show it.
 */
public final class AppProcess implements AutoCloseable {
    private static final Pattern PORT = Pattern.compile("listening on port (\\d+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final Path workDir;
    private final Path java;
    private int port = -1;

    private AppProcess(Process process, Path workDir, Path stdout, Path stderr, Path java) {
        this.process = process;
        this.workDir = workDir;
        this.stdout = stdout;
        this.stderr = stderr;
        this.java = java;
    }

    public static Builder testApp() {
        return new Builder().jar(Project.testAppJar());
    }

    public static Builder mainClass(String className) {
        return new Builder().classpathMain(Project.testClasspath(), className);
    }

    public static final class Builder {
        private Path java = Jdks.current();
        private String agentOptions;
        private final List<String> jvmArgs = new ArrayList<>();
        private final List<String> appArgs = new ArrayList<>(List.of("--port", "0"));
        private final Map<String, String> env = new LinkedHashMap<>();
        private List<String> main;
        private String name = "app";
        private boolean waitForPort = true;

        Builder jar(Path jar) {
            main = List.of("-jar", jar.toString());
            return this;
        }

        Builder classpathMain(String classpath, String className) {
            main = List.of("-cp", classpath, className);
            appArgs.clear();
            return this;
        }

        public Builder java(Path java) {
            this.java = java;
            return this;
        }

        /** Start with {@code -javaagent:sre-agent.jar=<options>} ("" for no options). */
        public Builder agent(String options) {
            this.agentOptions = options;
            return this;
        }

        public Builder jvmArg(String arg) {
            jvmArgs.add(arg);
            return this;
        }

        public Builder appArgs(String... args) {
            appArgs.addAll(List.of(args));
            return this;
        }

        public Builder env(String key, String value) {
            env.put(key, value);
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** For main classes that print no "listening on port" line. */
        public Builder noPort() {
            waitForPort = false;
            return this;
        }

        public AppProcess start() {
            List<String> command = new ArrayList<>();
            command.add(java.toString());
            command.add("-Xmx256m");
            command.addAll(jvmArgs);
            if (agentOptions != null) {
                command.add("-javaagent:" + Project.agentJar() + (agentOptions.isEmpty() ? "" : "=" + agentOptions));
            }
            command.addAll(main);
            command.addAll(appArgs);
            Path dir = Project.workDir(name);
            Path out = dir.resolve("stdout.txt");
            Path err = dir.resolve("stderr.txt");
            try {
                ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                        .redirectOutput(out.toFile()).redirectError(err.toFile());
                pb.environment().keySet().removeIf(k -> k.startsWith("SRE_"));
                pb.environment().putAll(env);
                AppProcess app = new AppProcess(pb.start(), dir, out, err, java);
                if (waitForPort) {
                    try {
                        app.awaitPort();
                    } catch (RuntimeException | AssertionError e) {
                        app.close(); // a JVM that never listened must not outlive its test
                        throw e;
                    }
                }
                return app;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private void awaitPort() {
        await(Duration.ofSeconds(60), () -> {
            Matcher m = PORT.matcher(stdout());
            if (m.find()) {
                port = Integer.parseInt(m.group(1));
                return true;
            }
            if (!process.isAlive()) {
                throw new AssertionError("the application exited with " + process.exitValue() + " before listening\n" + logs());
            }
            return false;
        }, "the application to listen");
    }

    public long pid() {
        return process.pid();
    }

    public int port() {
        return port;
    }

    public Path workDir() {
        return workDir;
    }

    public Path java() {
        return java;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String stdout() {
        return read(stdout);
    }

    public String stderr() {
        return read(stderr);
    }

    public String logs() {
        return "--- stdout ---\n" + stdout() + "\n--- stderr ---\n" + stderr();
    }

    /** Waits until the application has printed {@code text} on stdout. */
    public void awaitStdout(String text) {
        await(Duration.ofSeconds(60), () -> {
            if (!process.isAlive() && !stdout().contains(text)) {
                throw new AssertionError("the application exited before printing '" + text + "'\n" + logs());
            }
            return stdout().contains(text);
        }, "'" + text + "' on stdout");
    }

    /** GET on the app; returns the status code. */
    public int get(String path) {
        return request(path).statusCode();
    }

    public HttpResponse<String> request(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " failed\n" + logs(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The current report, fetched the way a user does: {@code sre-agent report <pid> --format json}. */
    public JsonNode report() {
        CliRun run = CliRun.with(java, "report", Long.toString(pid()), "--format", "json");
        if (run.exitCode() != 0) {
            throw new AssertionError("report failed: " + run + "\n" + logs());
        }
        return Reports.parse(run.out());
    }

    /**
     * Polls the report until {@code condition} holds on it; returns that report. A report that could not
     * be fetched (a JVM busy collecting a full heap may drop the JMX connection) is tried again, as a
     * user would; the last failure is shown if the condition never holds.
     */
    public JsonNode awaitReport(Duration timeout, java.util.function.Predicate<JsonNode> condition, String what) {
        JsonNode[] last = new JsonNode[1];
        AssertionError[] failed = new AssertionError[1];
        await(timeout, () -> {
            try {
                return condition.test(last[0] = report());
            } catch (AssertionError e) {
                failed[0] = e;
                return false;
            }
        }, () -> what + "; last report:\n" + last[0] + (failed[0] == null ? "" : "\nlast failed attempt: " + failed[0].getMessage()));
        return last[0];
    }

    /**
     * Waits for the agent's "started" line, which it logs once weaving is done: classes already loaded
     * (servlets, say) are rewoven until then, and requests served meanwhile may not be seen.
     */
    public void awaitAgentStarted(String mode) {
        await(Duration.ofSeconds(60), () -> stderr().contains("started (" + mode + ")"), "the agent to start (" + mode + ")");
    }

    /** Asks the JVM to stop (SIGTERM, so shutdown hooks run) and waits; returns the exit code. */
    public int stop() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public static void await(Duration timeout, BooleanSupplier condition, String what) {
        await(timeout, condition, () -> what);
    }

    /** As above, with a description built only on failure (it may show the last state seen). */
    public static void await(Duration timeout, BooleanSupplier condition, java.util.function.Supplier<String> what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what.get());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
