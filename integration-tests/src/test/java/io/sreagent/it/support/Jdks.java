package io.sreagent.it.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The JDKs the agent must work on: the one running the tests (17) and, where installed, JDK 25. */
public final class Jdks {
    public static final Path JDK25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

    private Jdks() {
    }

    public static Path current() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    public static Optional<Path> jdk25() {
        Path java = JDK25.resolve("bin/java");
        return Files.isExecutable(java) ? Optional.of(java) : Optional.empty();
    }

    /** Every JDK to test on; JUnit reports which one in the test name. JDK 25 is skipped with a message when absent. */
    public static List<Path> all() {
        List<Path> out = new ArrayList<>();
        out.add(current());
        jdk25().ifPresentOrElse(out::add,
                () -> System.err.println("JDK 25 not found at " + JDK25 + ": testing on the current JDK only"));
        return out;
    }
}
