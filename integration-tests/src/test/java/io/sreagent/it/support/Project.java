package io.sreagent.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Where the packaged artifacts and the test app's sources are (set by the build, see the module's pom). */
public final class Project {
    private Project() {
    }

    public static Path agentJar() {
        return existing("it.agent.jar");
    }

    public static Path testAppJar() {
        return existing("it.testapp.jar");
    }

    /** A fresh directory under target/it-work for one test's files. */
    public static Path workDir(String name) {
        try {
            Path base = Path.of(System.getProperty("it.work.dir", "target/it-work"));
            Files.createDirectories(base);
            return Files.createTempDirectory(base, name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The line of a test-app source file that carries {@code marker} (an end-of-line comment such as
     * {@code // deadlock-site-a}): tests compare the agent's reported site with it, so editing the
     * test app never silently breaks a hard-coded number.
     */
    public static int markerLine(String sourcePath, String marker) {
        return markerLine(Path.of(System.getProperty("it.testapp.src")), sourcePath, marker);
    }

    /** The same for the applications the integration tests carry themselves. */
    public static int itMarkerLine(String sourcePath, String marker) {
        return markerLine(Path.of("src/test/java"), sourcePath, marker);
    }

    private static int markerLine(Path root, String sourcePath, String marker) {
        Path file = root.resolve(sourcePath);
        try {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(marker)) {
                    return i + 1;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalArgumentException("no marker '" + marker + "' in " + file);
    }

    /** The test classpath minus the agent and the test app, for applications that the tests start themselves. */
    public static String testClasspath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(cp.split(java.io.File.pathSeparator))
                .filter(p -> !p.contains("sre-agent") && !p.contains("agent-test-app") && !p.endsWith("/agent/target/classes"))
                .collect(Collectors.joining(java.io.File.pathSeparator));
    }

    private static Path existing(String property) {
        Path p = Path.of(System.getProperty(property, "missing-" + property));
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException(p + " does not exist: run the tests through Maven (mvn verify) so it is packaged first");
        }
        return p;
    }
}
