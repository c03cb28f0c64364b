package io.sreagent.feature.fd;

import io.sreagent.core.Rule;
import io.sreagent.report.Finding;
import io.sreagent.report.Format;
import io.sreagent.report.Severity;
import io.sreagent.support.SampleWindow;
import io.sreagent.support.SteadyRise;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * {@code fd-leak} of the process: its open descriptor count rose steadily (a strong trend whose later
 * half rose too: not a warm-up step) by at least {@code minGrowth} over the window, or by a quarter of
 * that when the trend reaches the descriptor limit within {@code timeToLimit}. Judged from half the
 * window on. Descriptors are what leaked sockets, streams and connections hold on to, and the process
 * fails with "Too many open files" at the limit. The opening site holding most of them is named when
 * the open resources know it.
 */
public final class FdCountRule implements Rule {
    private static final int MAX_DESCRIPTORS_LISTED = 100_000;
    private static final Path PROC_FD = Path.of("/proc/self/fd");

    private final SampleWindow open;
    private final int minGrowth;
    private final Duration window;
    private final Duration timeToLimit;
    private final LongSupplier limit;
    private final Supplier<Collection<OpenResources.SiteResources>> sites;

    public FdCountRule(SampleWindow open, int minGrowth, Duration window, Duration timeToLimit, LongSupplier limit,
                       Supplier<Collection<OpenResources.SiteResources>> sites) {
        this.open = open;
        this.minGrowth = minGrowth;
        this.window = window;
        this.timeToLimit = timeToLimit;
        this.limit = limit;
        this.sites = sites;
    }

    @Override
    public void evaluate(long nowMillis, List<Finding> out) {
        long oldest = open.oldestTime();
        if (oldest < 0 || nowMillis - oldest < window.toMillis() / 2) {
            return;
        }
        SampleWindow.Samples s = open.since(nowMillis - window.toMillis());
        if (s.count() < 3) {
            return;
        }
        long max = limit.getAsLong();
        double perMinute = s.slopePerMinute();
        double minutesToLimit = max > 0 && perMinute > 0 ? Math.max(0, (max - s.last()) / perMinute) : Double.POSITIVE_INFINITY;
        boolean soon = minutesToLimit <= timeToLimit.toSeconds() / 60.0;
        if (!SteadyRise.of(s, soon ? Math.max(1, minGrowth / 4.0) : minGrowth)) {
            return;
        }
        boolean critical = soon || (max > 0 && s.last() >= 0.9 * max);
        Finding f = new Finding("fd-leak", critical ? Severity.CRITICAL : Severity.WARNING, String.format(Locale.ROOT,
                "open file descriptors grew steadily from %.0f to %.0f in %s (%.1f per minute)%s",
                s.first(), s.last(), Format.duration(Duration.ofMillis(s.spanMillis())), perMinute,
                Double.isInfinite(minutesToLimit) ? "" : String.format(Locale.ROOT, ", the limit of %d in %.0f minutes", max, minutesToLimit)))
                .subject("process")
                .window(window)
                .evidence("openNow", (long) s.last())
                .evidence("openAtWindowStart", (long) s.first())
                .evidence("growth", (long) (s.last() - s.first()))
                .evidence("perMinute", perMinute)
                .evidence("trendCorrelation", s.correlation())
                .evidence("limit", max)
                .evidence("windowSeconds", window.toSeconds());
        if (!Double.isInfinite(minutesToLimit)) {
            f.evidence("minutesToLimit", minutesToLimit);
        }
        Map<String, Long> kinds = descriptorKinds();
        if (!kinds.isEmpty()) {
            f.evidence("openByKind", kinds);
        }
        sites.get().stream()
                .filter(r -> r.heldPastAge() > 0)
                .max(Comparator.comparingLong(OpenResources.SiteResources::openNow))
                .ifPresent(top -> f.site(top.key().site()).stack(top.stack())
                        .evidence("topOpeningSite", top.key().site() + " " + top.key().kind().label())
                        .evidence("openAtTopSite", top.openNow()));
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
