package io.sreagent.feature.fd;

import com.example.fixture.AppCode;
import io.sreagent.report.Finding;
import io.sreagent.support.StackSites;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.Closeable;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenResourcesTest {
    private final OpenResources resources = new OpenResources(new StackSites(List.of()), 100);
    private final List<Closeable> kept = new ArrayList<>();
    private File file;

    @BeforeEach
    void createFile() throws IOException {
        file = Files.createTempFile("fd-test-", ".dat").toFile();
    }

    @AfterEach
    void closeAll() throws IOException {
        for (Closeable c : kept) {
            c.close();
        }
        Files.deleteIfExists(file.toPath());
    }

    private OpenResources.SiteResources site(int line) {
        return resources.sites().stream().filter(s -> s.key().site().line() == line).findFirst().orElseThrow();
    }

    /** The line of AppCode that carries {@code marker} (tests run in the agent module's directory). */
    private static int line(String marker) {
        try {
            List<String> lines = Files.readAllLines(Path.of("src/test/java/com/example/fixture/AppCode.java"));
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).endsWith(marker)) {
                    return i + 1;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("no line marked " + marker);
    }

    @Test
    void closedStreamsAreForgottenAndHeldOnesCountedAtTheirSite() throws IOException {
        for (int i = 0; i < 40; i++) {
            FileInputStream in = AppCode.open(resources, file);
            resources.closed(in);
            in.close();
        }
        // Another file (path pattern): another shape, whose site is learned on its own.
        File other = Files.createTempFile("fd-other-", ".dat").toFile();
        other.deleteOnExit();
        for (int i = 0; i < 12; i++) {
            kept.add(AppCode.openElsewhere(resources, other));
        }
        resources.sample(System.currentTimeMillis(), 0, 60_000);
        OpenResources.SiteResources closed = site(line("// open-site"));
        assertEquals(40, closed.opened());
        assertEquals(40, closed.closed());
        assertEquals(0, closed.openNow());
        assertTrue(closed.siteInferred() > 0, "learned after 8 agreeing walks");
        OpenResources.SiteResources held = site(line("// other-open-site"));
        assertEquals(12, held.openNow());
        assertEquals(12, held.heldPastAge());
        assertEquals(OpenResources.Kind.FILE_INPUT_STREAM, held.key().kind());
        assertEquals(12, resources.tracked());
    }

    @Test
    void twoLinesOfOneShapeInTurnAreEachAttributedExactly() throws IOException {
        for (int i = 0; i < 30; i++) {
            kept.add(AppCode.open(resources, file));
            kept.add(AppCode.openElsewhere(resources, file));
        }
        resources.sample(System.currentTimeMillis(), 0, 60_000);
        assertEquals(30, site(line("// open-site")).openNow());
        assertEquals(30, site(line("// other-open-site")).openNow());
        assertEquals(0, site(line("// open-site")).siteInferred());
    }

    @Test
    void aStreamDroppedWithoutCloseIsCountedWhenCollected() throws IOException, InterruptedException {
        for (int i = 0; i < 20; i++) {
            AppCode.open(resources, file); // dropped: the JDK's Cleaner closes its descriptor
        }
        OpenResources.SiteResources s = null;
        for (int attempt = 0; attempt < 50 && (s == null || s.collectedUnclosed() < 20); attempt++) {
            System.gc();
            Thread.sleep(20);
            resources.sample(System.currentTimeMillis(), 0, 60_000);
            s = site(line("// open-site"));
        }
        assertEquals(20, s.collectedUnclosed());
        assertEquals(0, s.openNow());
        List<Finding> out = new ArrayList<>();
        new FdSiteRule(resources::sites, 10, Duration.ofSeconds(30), Duration.ofMinutes(2), () -> 1000)
                .evaluate(System.currentTimeMillis(), out);
        assertEquals(1, out.size(), out.toString());
        assertEquals(20L, out.get(0).evidence().get("collectedWithoutCloseInWindow"));
        assertEquals(line("// open-site"), out.get(0).site().line());
    }

    @Test
    void heldStreamsAreALeakOnlyWhileTheirCountRises() throws IOException {
        FdSiteRule rule = new FdSiteRule(resources::sites, 10, Duration.ofSeconds(30), Duration.ofMinutes(2), () -> 1000);
        long t0 = System.currentTimeMillis();
        for (int tick = 0; tick < 6; tick++) {
            for (int i = 0; i < 5; i++) {
                kept.add(AppCode.openElsewhere(resources, file));
            }
            resources.sample(t0 + tick * 10_000L, 0, 120_000);
        }
        List<Finding> out = new ArrayList<>();
        rule.evaluate(t0 + 50_000, out);
        assertEquals(1, out.size(), "30 held, rising by 5 every 10 s");
        assertEquals(30L, out.get(0).evidence().get("heldPastAge"));
        for (int tick = 6; tick < 20; tick++) {
            resources.sample(t0 + tick * 10_000L, 0, 120_000);
        }
        out.clear();
        rule.evaluate(t0 + 190_000, out);
        assertEquals(List.of(), out, "the same 30, flat for two minutes: kept open on purpose");
    }

    @Test
    void kindsAreTheJdkClassesThemselvesNotSocketSubclassesThatCloseTheirOwnWay() throws IOException {
        try (Socket socket = new Socket(); ServerSocket server = new ServerSocket();
             SocketChannel channel = SocketChannel.open();
             FileChannel fileChannel = FileChannel.open(file.toPath());
             Socket adaptor = channel.socket()) {
            assertEquals(OpenResources.Kind.SOCKET, OpenResources.Kind.of(socket));
            assertEquals(OpenResources.Kind.SERVER_SOCKET, OpenResources.Kind.of(server));
            assertEquals(OpenResources.Kind.SOCKET_CHANNEL, OpenResources.Kind.of(channel));
            assertEquals(OpenResources.Kind.FILE_CHANNEL, OpenResources.Kind.of(fileChannel));
            assertNull(OpenResources.Kind.of(adaptor), "a channel's socket adaptor is closed through its channel");
            assertNull(OpenResources.Kind.of(new Socket() { }));
        }
    }
}
