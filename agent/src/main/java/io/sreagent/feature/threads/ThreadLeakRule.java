package io.sreagent.feature.threads;

import io.sreagent.core.Rule;
import io.sreagent.report.Finding;
import io.sreagent.report.Format;
import io.sreagent.report.Severity;
import io.sreagent.report.Site;
import io.sreagent.support.SampleWindow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * {@code thread-leak}, judged two ways, one finding per site:
 * <ul>
 * <li><b>steady</b>, within a minute: one site keeps starting threads (or creating pools or timers) and
 * none of them ends. The count of what it started and is still alive rose at {@link #MIN_RISES} or more
 * evaluations in a row without ever falling, is still rising (never {@link #MAX_FLAT} flat evaluations
 * at the end), rose steadily (correlation with time at least {@link #MIN_STEADY_CORRELATION}), reached
 * {@code steadyMin}, and at least {@link #MIN_KEPT_SHARE} of what was started meanwhile is still alive.
 * A pool growing to its maximum creates one pool, not one per request; threads that end fail the share;
 * a warm-up burst rises once; anything bounded stops rising and the finding stops with it.</li>
 * <li><b>slow</b>, over {@code threads.window}: the process's live threads grew by {@code minGrowth} with a
 * steady trend, one site accounts for half of it and that site still grew in the last quarter of the
 * window (a pool that warmed up to its size and stayed there is bounded). It catches what the steady verdict does not: growth
 * with pauses, a leak mixed with threads that end, threads piling up inside pools that are not themselves
 * multiplying.</li>
 * </ul>
 */
public final class ThreadLeakRule implements Rule {
    static final double MIN_CORRELATION = 0.6;
    /** Share of the process's growth a site must account for to be named. */
    static final double MIN_SHARE = 0.5;
    /** The end of the slow window in which the site must still have grown. */
    static final double RECENT_SHARE = 0.25;
    /** Rising evaluations in the current run (10 s apart by default: at least 30 s of rise). */
    static final int MIN_RISES = 3;
    /** Evaluations in a row without a rise that end a run: it stopped rising, so it is bounded, not leaking. */
    static final int MAX_FLAT = 2;
    static final double MIN_STEADY_CORRELATION = 0.9;
    /** Of what the site started during the run, the share still alive: threads that end are not leaking. */
    static final double MIN_KEPT_SHARE = 0.9;

    /**
     * Something that holds threads at an application site. {@code what} says what (pools created here and
     * not shut down, threads started here), {@code unit} names one of them ("threads", "pools"),
     * {@code threads} the live threads the site holds per evaluation, {@code alive} how many of the things
     * it started are still alive and {@code started} how many it started so far, sampled together.
     */
    public record Suspect(Site site, String what, String unit, SampleWindow threads, SampleWindow alive,
                          SampleWindow started, Map<String, Object> evidence, List<String> stack) {
    }

    private final SampleWindow processThreads;
    private final Supplier<List<Suspect>> suspects;
    private final int steadyMin;
    private final int minGrowth;
    private final Duration window;
    private final IntSupplier threadsAtStart;

    public ThreadLeakRule(SampleWindow processThreads, Supplier<List<Suspect>> suspects, int steadyMin, int minGrowth,
                          Duration window, IntSupplier threadsAtStart) {
        this.processThreads = processThreads;
        this.suspects = suspects;
        this.steadyMin = steadyMin;
        this.minGrowth = minGrowth;
        this.window = window;
        this.threadsAtStart = threadsAtStart;
    }

    @Override
    public void evaluate(long nowMillis, List<Finding> out) {
        List<Suspect> all = suspects.get();
        List<Finding> found = new ArrayList<>();
        Set<Site> named = new HashSet<>();
        for (Suspect suspect : all) {
            Finding f = steady(suspect, nowMillis);
            if (f != null && named.add(suspect.site())) {
                found.add(f);
            }
        }
        List<Finding> slow = slow(all, nowMillis, named);
        slow.sort(Comparator.comparingLong((Finding f) -> (Long) f.evidence().get("siteThreadGrowth")).reversed());
        found.addAll(slow);
        out.addAll(found);
    }

    /** The steady verdict for one suspect, or null. */
    private Finding steady(Suspect suspect, long nowMillis) {
        long from = nowMillis - window.toMillis();
        SampleWindow.Samples alive = suspect.alive().since(from);
        SampleWindow.Samples started = suspect.started().since(from);
        int n = alive.count();
        if (n < MIN_RISES + 1 || started.count() != n) {
            return null;
        }
        double[] v = alive.values();
        int runStart = n - 1;
        while (runStart > 0 && v[runStart - 1] <= v[runStart]) {
            runStart--;
        }
        int rises = 0;
        int flat = 0;
        for (int i = runStart + 1; i < n; i++) {
            if (v[i] > v[i - 1]) {
                rises++;
                flat = 0;
            } else {
                flat++;
            }
        }
        double aliveNow = v[n - 1];
        double growth = aliveNow - v[runStart];
        double startedInRun = started.values()[n - 1] - started.values()[runStart];
        if (rises < MIN_RISES || flat >= MAX_FLAT || aliveNow < steadyMin || growth < steadyMin / 2.0
                || growth < MIN_KEPT_SHARE * startedInRun) {
            return null;
        }
        SampleWindow.Samples run = new SampleWindow.Samples(
                Arrays.copyOfRange(alive.times(), runStart, n), Arrays.copyOfRange(v, runStart, n));
        if (run.correlation() < MIN_STEADY_CORRELATION) {
            return null;
        }
        long startedTotal = (long) started.last();
        long endedTotal = Math.max(0, startedTotal - (long) aliveNow);
        long endedInRun = Math.max(0, (long) (startedInRun - growth));
        Duration observed = Duration.ofMillis(run.spanMillis());
        Finding f = new Finding("thread-leak", Severity.WARNING, String.format(Locale.ROOT,
                "%s %s: %.0f more in %s, %s ended, %.0f still alive (%.0f a minute)",
                suspect.what(), suspect.site(), growth, Format.duration(observed),
                endedInRun == 0 ? "none" : Long.toString(endedInRun), aliveNow, run.slopePerMinute()))
                .site(suspect.site())
                .subject(suspect.site().toString())
                .window(observed)
                .stack(suspect.stack());
        f.evidence("verdict", "steady")
                .evidence("unit", suspect.unit())
                .evidence("started", startedTotal)
                .evidence("alive", (long) aliveNow)
                .evidence("ended", endedTotal)
                .evidence("startedWhileRising", (long) startedInRun)
                .evidence("endedWhileRising", endedInRun)
                .evidence("ratePerMinute", run.slopePerMinute())
                .evidence("observedSeconds", observed.toSeconds())
                .evidence("risingEvaluations", rises)
                .evidence("trendCorrelation", run.correlation());
        SampleWindow.Samples threads = suspect.threads().since(from);
        if (threads.count() > 0) {
            f.evidence("siteThreadsNow", (long) threads.last());
        }
        suspect.evidence().forEach(f::evidence);
        f.evidence("processThreadsAtAgentStart", threadsAtStart.getAsInt());
        return advise(f);
    }

    /** The slow verdict for the suspects the steady one did not name. */
    private List<Finding> slow(List<Suspect> all, long nowMillis, Set<Site> named) {
        List<Finding> found = new ArrayList<>();
        SampleWindow.Samples process = processThreads.coveringLast(nowMillis, window.toMillis());
        if (process == null || process.count() < 3) {
            return found; // not observed for a whole window yet
        }
        long from = nowMillis - window.toMillis();
        double processGrowth = process.last() - process.first();
        if (processGrowth < minGrowth || process.correlation() < MIN_CORRELATION) {
            return found;
        }
        double needed = Math.max(minGrowth * MIN_SHARE, processGrowth * MIN_SHARE);
        for (Suspect suspect : all) {
            if (named.contains(suspect.site())) {
                continue;
            }
            SampleWindow.Samples s = suspect.threads().since(from);
            if (s.count() < 3) {
                continue;
            }
            double growth = s.last() - s.first();
            if (growth < needed || s.correlation() < MIN_CORRELATION || !roseLately(s, nowMillis)) {
                continue;
            }
            named.add(suspect.site());
            found.add(slowFinding(suspect, s, process, growth, processGrowth));
        }
        return found;
    }

    /**
     * Whether the site still gained threads in the last {@link #RECENT_SHARE} of the window: a pool that
     * warmed up to its size early in the window and stayed there correlates with time, but is bounded.
     */
    private boolean roseLately(SampleWindow.Samples s, long nowMillis) {
        long recentFrom = nowMillis - (long) (window.toMillis() * RECENT_SHARE);
        double before = s.first();
        for (int i = 0; i < s.count() && s.times()[i] <= recentFrom; i++) {
            before = s.values()[i];
        }
        return s.last() > before;
    }

    private Finding slowFinding(Suspect suspect, SampleWindow.Samples s, SampleWindow.Samples process, double growth,
                                double processGrowth) {
        Finding f = new Finding("thread-leak", Severity.WARNING, String.format(Locale.ROOT,
                "live threads grew from %.0f to %.0f in %s; %s %s account for %.0f of them",
                process.first(), process.last(), Format.duration(window), suspect.what(), suspect.site(), growth))
                .site(suspect.site())
                .subject(suspect.site().toString())
                .window(window)
                .stack(suspect.stack());
        f.evidence("verdict", "slow")
                .evidence("siteThreadsNow", (long) s.last())
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
        return advise(f);
    }

    private static Finding advise(Finding f) {
        return f.advice("Create pools and timers once (a field or a bean) and reuse them; one created per request or per task is never collected while its threads live.")
                .advice("Shut every pool you own down (shutdown() in a finally or close() with try-with-resources on JDK 19+) and cancel() every Timer; a thread you start must have a way to end.")
                .advice("Name the threads (a ThreadFactory) so a thread dump shows whose they are; jcmd <pid> Thread.print lists the live ones.");
    }
}
