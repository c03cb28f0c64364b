package io.sreagent.weave;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
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
    private static final long FIXED_TIME = 315_532_800_000L; // 1980-01-01, the zip format's first day
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static volatile boolean injected;

    private BootstrapInjector() {
    }

    public static synchronized void inject(Instrumentation inst, Path agentJar) throws IOException {
        if (injected || isOnBootstrapPath("io.sreagent.bootstrap.AgentPresence")) {
            injected = true;
            return;
        }
        byte[] jar = bootstrapJar(agentJar);
        Path shared = Path.of(System.getProperty("java.io.tmpdir"), "sre-agent-" + System.getProperty("user.name", "user"));
        inst.appendToBootstrapClassLoaderSearch(new JarFile(place(jar, shared).toFile()));
        injected = true;
    }

    /**
     * The bootstrap classes as a jar whose bytes depend only on them (entries in order, fixed times), so
     * that every JVM running this agent build can share one file.
     */
    static byte[] bootstrapJar(Path agentJar) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarFile source = new JarFile(agentJar.toFile()); JarOutputStream out = new JarOutputStream(bytes)) {
            List<JarEntry> stashed = new ArrayList<>();
            source.stream().filter(e -> e.getName().startsWith(STASH) && e.getName().endsWith(".class")).forEach(stashed::add);
            stashed.sort(Comparator.comparing(JarEntry::getName));
            for (JarEntry entry : stashed) {
                JarEntry copy = new JarEntry(entry.getName().substring(STASH.length()));
                copy.setTime(FIXED_TIME);
                out.putNextEntry(copy);
                try (InputStream in = source.getInputStream(entry)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /**
     * {@code <tmp>/sre-agent-<user>/bootstrap-<hash>.jar}, in a directory only this user can enter, written
     * once (a temporary file, then renamed) and reused by later JVMs, so a killed JVM leaves nothing new
     * behind. A file of that name is trusted only when its bytes are these; where the directory is not the
     * user's own, a private temporary file is used instead, deleted at exit.
     */
    static Path place(byte[] jar, Path dir) throws IOException {
        String name = "bootstrap-" + sha256(jar).substring(0, 24) + ".jar";
        try {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
            }
            if (ownedAndPrivate(dir)) {
                Path target = dir.resolve(name);
                if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) && Arrays.equals(Files.readAllBytes(target), jar)) {
                    return target;
                }
                Path tmp = Files.createTempFile(dir, name, ".tmp", PosixFilePermissions.asFileAttribute(OWNER_FILE));
                Files.write(tmp, jar);
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return target;
            }
        } catch (UnsupportedOperationException | IOException | SecurityException notPrivate) {
            // not a POSIX file system, or a directory someone else made: a file of this JVM's own below
        }
        Path own = Files.createTempFile("sre-agent-bootstrap-", ".jar");
        own.toFile().deleteOnExit();
        try {
            Files.setPosixFilePermissions(own, OWNER_FILE);
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the temp directory is private to the user already.
        }
        Files.write(own, jar);
        return own;
    }

    private static boolean ownedAndPrivate(Path dir) throws IOException {
        PosixFileAttributes a = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        return a.isDirectory() && a.owner().getName().equals(System.getProperty("user.name")) && a.permissions().equals(OWNER_DIR);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
