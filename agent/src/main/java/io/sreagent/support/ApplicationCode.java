package io.sreagent.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

/**
 * Which packages are the application's own, so that a site is found even when the application lives
 * under a prefix that looks like a library's ({@code org.springframework.samples.petclinic}):
 * <ul>
 *   <li>the main class's package and those below it, unless the main class is a launcher (Spring Boot's,
 *   Maven Surefire's, an IDE's), in which case Spring Boot's {@code Start-Class} stands for it;</li>
 *   <li>the exact packages of the classes in a Spring Boot jar's {@code BOOT-INF/classes};</li>
 *   <li>the exact packages of the classes in class-path directories (a build's {@code target/classes}),
 *   as opposed to dependency jars.</li>
 * </ul>
 * Read once, at start; the class path of a running JVM does not change.
 */
public final class ApplicationCode {
    private static final List<String> LAUNCHERS = List.of("org.springframework.boot.loader.", "org.apache.maven.surefire.",
            "org.junit.platform.console.", "com.intellij.rt.", "org.gradle.", "org.eclipse.jdt.internal.junit");
    private static final int MAX_CLASS_FILES_SCANNED = 50_000;

    private final List<String> packagePrefixes;
    private final Set<String> exactPackages;

    ApplicationCode(List<String> packagePrefixes, Set<String> exactPackages) {
        this.packagePrefixes = List.copyOf(packagePrefixes);
        this.exactPackages = Set.copyOf(exactPackages);
    }

    /** Nothing known: only the skip list decides. */
    public static ApplicationCode none() {
        return new ApplicationCode(List.of(), Set.of());
    }

    /** From this JVM's command line ({@code sun.java.command}) and class path. Never throws. */
    public static ApplicationCode ofThisJvm() {
        try {
            return of(System.getProperty("sun.java.command", ""), System.getProperty("java.class.path", ""));
        } catch (RuntimeException e) {
            return none();
        }
    }

    static ApplicationCode of(String command, String classPath) {
        List<String> prefixes = new ArrayList<>();
        Set<String> exact = new TreeSet<>();
        String first = command.isBlank() ? "" : command.trim().split("\\s+")[0];
        String mainClass = first;
        if (first.endsWith(".jar")) {
            mainClass = null;
            try (JarFile jar = new JarFile(first)) {
                Manifest manifest = jar.getManifest();
                if (manifest != null) {
                    String start = manifest.getMainAttributes().getValue("Start-Class");
                    String main = manifest.getMainAttributes().getValue("Main-Class");
                    mainClass = start != null ? start : main;
                }
                packagesOf(jar, "BOOT-INF/classes/", exact);
            } catch (IOException | SecurityException e) {
                // not readable: the class path and the skip list still decide
            }
        }
        if (mainClass != null && isLauncher(mainClass)) {
            mainClass = null;
        }
        if (mainClass != null && mainClass.lastIndexOf('.') > 0) {
            prefixes.add(mainClass.substring(0, mainClass.lastIndexOf('.') + 1));
        }
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            if (!entry.isBlank()) {
                Path dir = Paths.get(entry);
                if (Files.isDirectory(dir)) {
                    packagesOf(dir, exact);
                }
            }
        }
        return new ApplicationCode(prefixes, exact);
    }

    private static boolean isLauncher(String className) {
        return LAUNCHERS.stream().anyMatch(className::startsWith);
    }

    private static void packagesOf(JarFile jar, String root, Set<String> out) {
        Enumeration<? extends ZipEntry> entries = jar.entries();
        while (entries.hasMoreElements()) {
            String name = entries.nextElement().getName();
            if (name.startsWith(root) && name.endsWith(".class") && name.lastIndexOf('/') > root.length()) {
                out.add(name.substring(root.length(), name.lastIndexOf('/')).replace('/', '.'));
            }
        }
    }

    private static void packagesOf(Path dir, Set<String> out) {
        try (Stream<Path> files = Files.walk(dir, 32)) {
            files.limit(MAX_CLASS_FILES_SCANNED)
                    .filter(p -> p.getFileName() != null && p.getFileName().toString().endsWith(".class"))
                    .map(p -> dir.relativize(p).getParent())
                    .filter(parent -> parent != null)
                    .forEach(parent -> out.add(parent.toString().replace(java.io.File.separatorChar, '.')));
        } catch (IOException | RuntimeException e) {
            // an unreadable directory adds nothing
        }
    }

    /** Whether the class belongs to the application's own code as far as this JVM tells. */
    public boolean contains(String className) {
        for (String prefix : packagePrefixes) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        int dot = className.lastIndexOf('.');
        return dot > 0 && !exactPackages.isEmpty() && exactPackages.contains(className.substring(0, dot));
    }

    /** For the report: the prefixes (with their trailing dot) and the exact packages, at most {@code limit}. */
    public List<String> describe(int limit) {
        List<String> all = new ArrayList<>();
        packagePrefixes.forEach(p -> all.add(p + "*"));
        all.addAll(exactPackages);
        if (all.size() <= limit) {
            return all;
        }
        List<String> listed = new ArrayList<>(all.subList(0, limit));
        listed.add("(" + (all.size() - limit) + " more)");
        return listed;
    }
}
