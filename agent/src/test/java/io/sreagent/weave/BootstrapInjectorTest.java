package io.sreagent.weave;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class BootstrapInjectorTest {
    @TempDir
    Path dir;

    @Test
    void theBootstrapJarIsTheSameBytesEveryTimeAndSharedThroughOnePrivateFile() throws Exception {
        Path agent = dir.resolve("agent.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(agent))) {
            out.putNextEntry(new JarEntry(BootstrapInjector.STASH + "io/sreagent/bootstrap/B.class"));
            out.write(new byte[]{1, 2, 3});
            out.closeEntry();
            out.putNextEntry(new JarEntry(BootstrapInjector.STASH + "io/sreagent/bootstrap/A.class"));
            out.write(new byte[]{4, 5});
            out.closeEntry();
            out.putNextEntry(new JarEntry("io/sreagent/Other.class"));
            out.closeEntry();
        }
        byte[] first = BootstrapInjector.bootstrapJar(agent);
        Thread.sleep(1100); // entry times must not leak into the bytes
        assertArrayEquals(first, BootstrapInjector.bootstrapJar(agent));

        Path placed = BootstrapInjector.place(first, dir.resolve("shared"));
        assertEquals(placed, BootstrapInjector.place(first, dir.resolve("shared")), "a second JVM reuses the file");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(placed)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(placed.getParent())));
        try (JarFile jar = new JarFile(placed.toFile())) {
            assertNotNull(jar.getEntry("io/sreagent/bootstrap/A.class"));
            assertNull(jar.getEntry("io/sreagent/Other.class"));
        }
        Files.write(placed, new byte[]{9}); // tampered or half-written: replaced, not trusted
        assertEquals(placed, BootstrapInjector.place(first, dir.resolve("shared")));
        assertArrayEquals(first, Files.readAllBytes(placed));
    }
}
