package io.sreagent.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code java -jar sre-agent.jar <args>} as a user would, and keeps what it printed. */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun of(String... args) {
        return with(Jdks.current(), args);
    }

    public static CliRun with(Path java, String... args) {
        List<String> command = new ArrayList<>(List.of(java.toString(), "-jar", Project.agentJar().toString()));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("cli-out", ".txt");
            Path err = Files.createTempFile("cli-err", ".txt");
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("CLI did not finish in 60 s: " + command);
            }
            CliRun run = new CliRun(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return run;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public CliRun expectSuccess() {
        if (exitCode != 0) {
            throw new AssertionError("CLI exited " + exitCode + "\nstdout: " + out + "\nstderr: " + err);
        }
        return this;
    }
}
