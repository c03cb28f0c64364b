package io.sreagent.feature.fd;

import io.sreagent.core.Rule;
import io.sreagent.report.Finding;
import io.sreagent.report.Format;
import io.sreagent.report.Severity;
import io.sreagent.support.SampleWindow;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * {@code fd-leak}: open file descriptors rose steadily over the window (a strong least-squares trend,
 * not noise) by at least the configured amount. Descriptors are what leaked sockets, streams and
 * connections hold on to, and the process dies with "Too many open files" at the limit.
 */
public final class FdLeakRule implements Rule {
    static final double MIN_CORRELATION = 0.8;
    private static final int MAX_DESCRIPTORS_LISTED = 100_000;
    private static final Path PROC_FD = Path.of("/proc/self/fd");

    private final SampleWindow open;
    private final int minGrowth;
    private final Duration window;
    private final LongSupplier limit;

    public FdLeakRule(SampleWindow open, int minGrowth, Duration window, LongSupplier limit) {
        this.open = open;
        this.minGrowth = minGrowth;
        this.window = window;
        this.limit = limit;
    }

    @Override
    public void evaluate(long nowMillis, List<Finding> out) {
        SampleWindow.Samples s = open.coveringLast(nowMillis, window.toMillis());
        if (s == null || s.count() < 3 || s.last() - s.first() < minGrowth || s.correlation() < MIN_CORRELATION) {
            return;
        }
        double growth = s.last() - s.first();
        long max = limit.getAsLong();
        double perMinute = s.slopePerMinute();
        boolean nearLimit = max > 0 && s.last() >= 0.9 * max;
        Finding f = new Finding("fd-leak", nearLimit ? Severity.CRITICAL : Severity.WARNING, String.format(Locale.ROOT,
                "open file descriptors grew steadily from %.0f to %.0f in %s (%.1f per minute)",
                s.first(), s.last(), Format.duration(window), perMinute))
                .evidence("openNow", (long) s.last())
                .evidence("openAtWindowStart", (long) s.first())
                .evidence("growth", (long) growth)
                .evidence("perMinute", perMinute)
                .evidence("trendCorrelation", s.correlation())
                .evidence("limit", max)
                .evidence("windowSeconds", window.toSeconds());
        if (max > 0 && perMinute > 0) {
            f.evidence("minutesToLimit", Math.max(0, (max - s.last()) / perMinute));
        }
        Map<String, Long> kinds = descriptorKinds();
        if (!kinds.isEmpty()) {
            f.evidence("openByKind", kinds);
        }
        f.advice("Close every stream, socket, HTTP response and JDBC connection in try-with-resources; a leaked one holds its descriptor until GC, if ever.")
                .advice("openByKind shows what leaks: sockets point at connections (HTTP clients, JDBC), files at streams; lsof -p <pid> lists them one by one.")
                .advice("Raise the limit (ulimit -n / LimitNOFILE) only to buy time: the count will keep growing.");
        out.add(f);
    }

    /** Counts /proc/self/fd entries by what they point at (socket, pipe, file, ...); empty off Linux. */
    static Map<String, Long> descriptorKinds() {
        Map<String, Long> kinds = new TreeMap<>();
        if (!Files.isDirectory(PROC_FD)) {
            return kinds;
        }
        int seen = 0;
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(PROC_FD)) {
            for (Path fd : fds) {
                if (++seen > MAX_DESCRIPTORS_LISTED) {
                    break;
                }
                kinds.merge(kindOf(fd), 1L, Long::sum);
            }
        } catch (IOException | RuntimeException e) {
            return new LinkedHashMap<>();
        }
        return kinds;
    }

    private static String kindOf(Path fd) {
        try {
            String target = Files.readSymbolicLink(fd).toString();
            if (target.startsWith("socket:")) {
                return "socket";
            }
            if (target.startsWith("pipe:")) {
                return "pipe";
            }
            if (target.startsWith("anon_inode:")) {
                return "anon_inode";
            }
            if (target.endsWith(".jar")) {
                return "jar";
            }
            return target.startsWith("/") ? "file" : "other";
        } catch (IOException | RuntimeException e) {
            return "other"; // closed meanwhile
        }
    }
}
