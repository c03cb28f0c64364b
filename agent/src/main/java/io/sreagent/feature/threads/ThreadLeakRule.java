package io.sreagent.feature.threads;

import io.sreagent.core.Rule;
import io.sreagent.report.Finding;
import io.sreagent.report.Format;
import io.sreagent.report.Severity;
import io.sreagent.report.Site;
import io.sreagent.support.SampleWindow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * {@code thread-leak}: the process's live threads kept growing over the whole observation window (a
 * steady trend, at least {@code minGrowth} more threads) and one application site accounts for a large
 * share of that growth: pools created there and never shut down, or threads started there that never end.
 * A busy fixed pool, a framework's bounded workers or short-lived threads do not grow for a whole window.
 */
public final class ThreadLeakRule implements Rule {
    static final double MIN_CORRELATION = 0.6;
    /** Share of the process's growth a site must account for to be named. */
    static final double MIN_SHARE = 0.5;

    /**
     * Something that holds threads at an application site: {@code what} says what (pools created here
     * and never shut down, threads started here), {@code window} its live thread count per evaluation.
     */
    public record Suspect(Site site, String what, SampleWindow window, Map<String, Object> evidence, List<String> stack) {
    }

    private final SampleWindow processThreads;
    private final Supplier<List<Suspect>> suspects;
    private final int minGrowth;
    private final Duration window;
    private final IntSupplier threadsAtStart;

    public ThreadLeakRule(SampleWindow processThreads, Supplier<List<Suspect>> suspects, int minGrowth, Duration window,
                          IntSupplier threadsAtStart) {
        this.processThreads = processThreads;
        this.suspects = suspects;
        this.minGrowth = minGrowth;
        this.window = window;
        this.threadsAtStart = threadsAtStart;
    }

    @Override
    public void evaluate(long nowMillis, List<Finding> out) {
        SampleWindow.Samples process = processThreads.coveringLast(nowMillis, window.toMillis());
        if (process == null || process.count() < 3) {
            return; // not observed for a whole window yet
        }
        long from = nowMillis - window.toMillis();
        double processGrowth = process.last() - process.first();
        if (processGrowth < minGrowth || process.correlation() < MIN_CORRELATION) {
            return;
        }
        double needed = Math.max(minGrowth * MIN_SHARE, processGrowth * MIN_SHARE);
        List<Finding> found = new ArrayList<>();
        for (Suspect suspect : suspects.get()) {
            SampleWindow.Samples s = suspect.window().since(from);
            if (s.count() < 3) {
                continue;
            }
            double growth = s.last() - s.first();
            if (growth < needed || s.correlation() < MIN_CORRELATION) {
                continue;
            }
            found.add(finding(suspect, s, process, growth, processGrowth));
        }
        found.sort(Comparator.comparingLong((Finding f) -> (Long) f.evidence().get("siteThreadGrowth")).reversed());
        out.addAll(found);
    }

    private Finding finding(Suspect suspect, SampleWindow.Samples s, SampleWindow.Samples process, double growth,
                            double processGrowth) {
        Finding f = new Finding("thread-leak", Severity.WARNING, String.format(Locale.ROOT,
                "live threads grew from %.0f to %.0f in %s; %s %s account for %.0f of them",
                process.first(), process.last(), Format.duration(window), suspect.what(), suspect.site(), growth))
                .site(suspect.site())
                .stack(suspect.stack());
        f.evidence("siteThreadsNow", (long) s.last())
                .evidence("siteThreadsAtWindowStart", (long) s.first())
                .evidence("siteThreadGrowth", (long) growth)
                .evidence("siteThreadsPerMinute", s.slopePerMinute())
                .evidence("shareOfGrowth", Math.min(1.0, growth / processGrowth));
        suspect.evidence().forEach(f::evidence);
        f.evidence("processThreadsNow", (long) process.last())
                .evidence("processThreadsAtWindowStart", (long) process.first())
                .evidence("processThreadsAtAgentStart", threadsAtStart.getAsInt())
                .evidence("processThreadsPerMinute", process.slopePerMinute())
                .evidence("trendCorrelation", process.correlation())
                .evidence("windowSeconds", window.toSeconds());
        f.advice("Create pools and timers once (a field or a bean) and reuse them; one created per request or per task is never collected while its threads live.")
                .advice("Shut every pool you own down (shutdown() in a finally or close() with try-with-resources on JDK 19+) and cancel() every Timer.")
                .advice("Name the threads (a ThreadFactory) so a thread dump shows whose they are; jcmd <pid> Thread.print lists the live ones.");
        return f;
    }
}
