package io.sreagent.support;

import io.sreagent.report.Site;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApplicationCodeTest {
    @TempDir
    Path dir;

    private static final StackTraceElement[] PETCLINIC_STACK = {
            new StackTraceElement("org.springframework.web.servlet.DispatcherServlet", "doDispatch", "DispatcherServlet.java", 1089),
            new StackTraceElement("org.springframework.samples.petclinic.system.CrashController", "triggerException", "CrashController.java", 39),
            new StackTraceElement("org.apache.catalina.core.ApplicationFilterChain", "doFilter", "ApplicationFilterChain.java", 166),
    };

    @Test
    void aSpringBootJarsStartClassMakesItsPackageTheApplications() throws IOException {
        Path jar = dir.resolve("petclinic.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "org.springframework.boot.loader.launch.JarLauncher");
        manifest.getMainAttributes().putValue("Start-Class", "org.springframework.samples.petclinic.PetClinicApplication");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.putNextEntry(new JarEntry("BOOT-INF/classes/org/acme/extra/Helper.class"));
            out.closeEntry();
            out.putNextEntry(new JarEntry("BOOT-INF/lib/spring-web.jar"));
            out.closeEntry();
        }
        ApplicationCode app = ApplicationCode.of(jar + " --server.port=8080", jar.toString());
        StackSites sites = new StackSites(List.of(), List.of(), app);
        assertEquals(new Site("org.springframework.samples.petclinic.system.CrashController", "triggerException", "CrashController.java", 39),
                sites.siteOf(PETCLINIC_STACK));
        assertTrue(app.contains("org.acme.extra.Helper"));
        assertFalse(app.contains("org.springframework.web.servlet.DispatcherServlet"));
        assertEquals(List.of("org.springframework.samples.petclinic.*", "org.acme.extra"), app.describe(10));
    }

    @Test
    void withoutKnowingTheApplicationALibraryLikePackageIsSkipped() {
        assertEquals(null, new StackSites(List.of()).siteOf(PETCLINIC_STACK));
    }

    @Test
    void classDirectoriesOnTheClassPathAreTheApplicationsButDependencyJarsAreNot() throws IOException {
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes.resolve("org/apache/shop/web"));
        try (OutputStream out = Files.newOutputStream(classes.resolve("org/apache/shop/web/Orders.class"))) {
            out.write(new byte[]{(byte) 0xCA, (byte) 0xFE});
        }
        ApplicationCode app = ApplicationCode.of("org.apache.maven.surefire.booter.ForkedBooter /tmp/x",
                classes + java.io.File.pathSeparator + dir.resolve("commons-lang3.jar"));
        assertTrue(app.contains("org.apache.shop.web.Orders"));
        assertFalse(app.contains("org.apache.shop.Other"), "exact packages only");
        assertFalse(app.contains("org.apache.maven.surefire.booter.ForkedBooter"), "a launcher is not the application");
    }

    @Test
    void siteIncludeWinsOverTheSkipListAndTheAgentIsNeverTheApplication() {
        StackSites sites = new StackSites(List.of("org.springframework.samples."), List.of("org.springframework.samples.petclinic.system."),
                ApplicationCode.none());
        assertTrue(sites.isApplication("org.springframework.samples.petclinic.system.CrashController"));
        assertFalse(new StackSites(List.of(), List.of(), ApplicationCode.of("io.sreagent.Main", "")).isApplication("io.sreagent.Main"));
    }

    @Test
    void testRunnersAreNotTheApplication() {
        StackTraceElement[] stack = {
                new StackTraceElement("org.junit.platform.commons.util.ReflectionUtils", "invokeMethod", "ReflectionUtils.java", 728),
                new StackTraceElement("com.acme.OrdersTest", "callsOut", "OrdersTest.java", 12),
        };
        assertEquals("com.acme.OrdersTest", new StackSites(List.of()).siteOf(stack).className());
    }
}
