package io.sreagent.it.bench;

import io.sreagent.it.support.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the agent adds to start-up per class the application loads: a generated application (a base
 * class chain and interfaces, as frameworks have, and N small classes below them) loads all its classes
 * and prints how long that took; JVMs without the agent, with it (defaults) and without it again (the
 * A/A control) take turns, round after round. Prints, per size, the medians, the added time per loaded
 * class and the paired ratios. Run with
 * {@code mvn -B -pl agent,agent-test-app,integration-tests -am verify -Dtest=ClassLoadingStartupBench -Dbench=startup -Dsurefire.failIfNoSpecifiedTests=false}
 * and {@code -Dbench.rounds=N} (8), {@code -Dbench.sizes=2000,10000,20000}, {@code -Dbench.java=path/bin/java}.
 */
@EnabledIfSystemProperty(named = "bench", matches = "startup")
class ClassLoadingStartupBench {
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 8);
    private static final Pattern LOADED = Pattern.compile("loaded (\\d+) classes in (\\d+) us");

    @Test
    void addedTimePerLoadedClass() throws Exception {
        String java = System.getProperty("bench.java", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> rows = new ArrayList<>();
        for (String size : System.getProperty("bench.sizes", "2000,10000,20000").split(",")) {
            int n = Integer.parseInt(size.trim());
            Path jar = generate(n);
            double[] off = new double[ROUNDS];
            double[] on = new double[ROUNDS];
            double[] offAgain = new double[ROUNDS];
            for (int r = 0; r < ROUNDS; r++) {
                off[r] = run(java, jar, n, false);
                on[r] = run(java, jar, n, true);
                offAgain[r] = run(java, jar, n, false);
            }
            double[] ratio = new double[ROUNDS];
            double[] control = new double[ROUNDS];
            for (int r = 0; r < ROUNDS; r++) {
                ratio[r] = on[r] / off[r];
                control[r] = offAgain[r] / off[r];
            }
            int[] sets = new int[ROUNDS];
            rows.add(String.format(Locale.ROOT, "| %d | %.0f ms | %.0f ms | %.1f µs | %s | %s |", n, median(off) / 1000,
                    median(on) / 1000, (median(on) - median(off)) / n,
                    new PairedRatios("agent/none", ratio, sets), new PairedRatios("A/A", control, sets)));
        }
        System.out.println("| loaded classes | without agent | with agent | added per class | ratio | control |");
        System.out.println("|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
    }

    /** Microseconds the generated application took to load its n classes. */
    private static double run(String java, Path jar, int n, boolean agent) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m"));
        if (agent) {
            Path reports = Files.createTempDirectory("startup-bench-reports");
            command.add("-javaagent:" + Project.agentJar() + "=report.dir=" + reports + ",report.shutdown=off");
        }
        command.addAll(List.of("-cp", jar.toString(), "gen.app.Main"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(60, TimeUnit.SECONDS);
        Matcher m = LOADED.matcher(out);
        if (!m.find()) {
            throw new AssertionError("no timing in the output:\n" + out);
        }
        assertEquals(n, Integer.parseInt(m.group(1)));
        return Double.parseDouble(m.group(2));
    }

    /** A jar of n classes below a chain of five abstract bases, each adding an interface, plus the main class. */
    private static Path generate(int n) throws IOException {
        Path dir = Files.createTempDirectory("startup-bench-" + n);
        Path src = dir.resolve("src/gen/app");
        Files.createDirectories(src);
        Files.writeString(src.resolve("Base0.java"), "package gen.app; public abstract class Base0 implements java.io.Serializable, Comparable<Object> {"
                + " public int compareTo(Object o) { return 0; } }");
        for (int d = 1; d < 6; d++) {
            Files.writeString(src.resolve("Iface" + d + ".java"), "package gen.app; public interface Iface" + d + " extends java.util.function.Supplier<String> { }");
            Files.writeString(src.resolve("Base" + d + ".java"), "package gen.app; public abstract class Base" + d + " extends Base" + (d - 1)
                    + " implements Iface" + d + " { }");
        }
        for (int i = 0; i < n; i++) {
            Files.writeString(src.resolve("C" + i + ".java"), "package gen.app; public class C" + i + " extends Base" + (1 + i % 5)
                    + " implements Runnable { public String get() { return \"" + i + "\"; } public void run() { get(); } }");
        }
        Files.writeString(src.resolve("Main.java"), "package gen.app; public class Main { public static void main(String[] a) throws Exception {"
                + " long t = System.nanoTime(); for (int i = 0; i < " + n + "; i++) { Class.forName(\"gen.app.C\" + i); }"
                + " System.out.println(\"loaded " + n + " classes in \" + (System.nanoTime() - t) / 1000 + \" us\"); } }");
        Path classes = dir.resolve("classes");
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-nowarn"));
        try (var files = Files.walk(dir.resolve("src"))) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> args.add(f.toString()));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, javac.run(null, null, null, args.toArray(String[]::new)), "the generated sources compile");
        Path jar = dir.resolve("gen.jar");
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar)); var files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new java.util.jar.JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(f));
                out.closeEntry();
            }
        }
        return jar;
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
