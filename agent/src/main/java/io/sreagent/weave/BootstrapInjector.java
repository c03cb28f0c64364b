package io.sreagent.weave;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Copies the classes of {@code io.sreagent.bootstrap} out of the agent jar into a small jar on the
 * bootstrap search path. Advice woven into java.base, java.sql or application classes calls only
 * these classes, and the bootstrap loader is the one every loader can see. In the agent jar they are
 * stored under {@code sre-bootstrap/}, out of every class loader's sight, so no loader can define a
 * second copy of them before (or instead of) the bootstrap loader.
 */
public final class BootstrapInjector {
    static final String STASH = "sre-bootstrap/";
    private static volatile boolean injected;

    private BootstrapInjector() {
    }

    public static synchronized void inject(Instrumentation inst, Path agentJar) throws IOException {
        if (injected || isOnBootstrapPath("io.sreagent.bootstrap.AgentPresence")) {
            injected = true;
            return;
        }
        Path jar = Files.createTempFile("sre-agent-bootstrap-", ".jar");
        jar.toFile().deleteOnExit();
        try {
            Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the temp directory is private to the user already.
        }
        try (JarFile source = new JarFile(agentJar.toFile());
             JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            Enumeration<JarEntry> entries = source.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (entry.getName().startsWith(STASH) && entry.getName().endsWith(".class")) {
                    out.putNextEntry(new JarEntry(entry.getName().substring(STASH.length())));
                    try (InputStream in = source.getInputStream(entry)) {
                        in.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
        }
        inst.appendToBootstrapClassLoaderSearch(new JarFile(jar.toFile()));
        injected = true;
    }

    /** A second copy of the agent jar must not shadow the first one's bootstrap classes. */
    private static boolean isOnBootstrapPath(String name) {
        try {
            return Class.forName(name, false, null) != null;
        } catch (ClassNotFoundException notYet) {
            return false;
        }
    }
}
