package io.sreagent.feature.fd;

import io.sreagent.core.Rule;
import io.sreagent.report.Finding;
import io.sreagent.report.Format;
import io.sreagent.report.Severity;
import io.sreagent.support.SampleWindow;
import io.sreagent.support.SteadyRise;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * {@code fd-leak} of one opening site: streams or sockets opened there and not closed. Either at
 * least {@code minUnclosed} of them were garbage-collected still open within the window (dropped
 * without close(): the Cleaner closes the descriptor some GC later, so the process's count may never
 * grow), or at least {@code minUnclosed} have been open longer than the age threshold and the site's
 * open count rose steadily over the window. A pool opened once, or a file kept open for the process's
 * life, holds a flat count and is not a leak.
 */
public final class FdSiteRule implements Rule {
    private final Supplier<Collection<OpenResources.SiteResources>> sites;
    private final int minUnclosed;
    private final Duration age;
    private final Duration window;
    private final LongSupplier limit;

    public FdSiteRule(Supplier<Collection<OpenResources.SiteResources>> sites, int minUnclosed, Duration age,
                      Duration window, LongSupplier limit) {
        this.sites = sites;
        this.minUnclosed = minUnclosed;
        this.age = age;
        this.window = window;
        this.limit = limit;
    }

    @Override
    public void evaluate(long nowMillis, List<Finding> out) {
        for (OpenResources.SiteResources s : sites.get()) {
            long collected = s.collectedUnclosedIn(nowMillis, window.toMillis());
            SampleWindow.Samples open = s.openWindow().since(nowMillis - window.toMillis());
            boolean rising = SteadyRise.of(open, minUnclosed);
            boolean held = s.heldPastAge() >= minUnclosed && rising;
            if (collected >= minUnclosed || held) {
                out.add(finding(s, open, collected));
            }
        }
    }

    private Finding finding(OpenResources.SiteResources s, SampleWindow.Samples open, long collected) {
        OpenResources.Key k = s.key();
        String what = k.kind().label();
        long max = limit.getAsLong();
        double perMinute = open.count() >= 2 ? open.slopePerMinute() : 0;
        StringBuilder title = new StringBuilder(String.format(Locale.ROOT, "%s opened at %s and not closed: ", what, k.site()));
        if (s.heldPastAge() > 0) {
            title.append(String.format(Locale.ROOT, "%d open for more than %s", s.heldPastAge(), Format.duration(age)));
        }
        if (collected > 0) {
            title.append(s.heldPastAge() > 0 ? ", " : "").append(String.format(Locale.ROOT,
                    "%d garbage-collected without close() in %s", collected, Format.duration(window)));
        }
        boolean critical = max > 0 && s.openNow() >= max / 4;
        Finding f = new Finding("fd-leak", critical ? Severity.CRITICAL : Severity.WARNING, title.toString())
                .subject(k.site() + " " + what)
                .window(window)
                .site(k.site())
                .stack(s.stack())
                .evidence("kind", what)
                .evidence("openNow", s.openNow())
                .evidence("heldPastAge", s.heldPastAge())
                .evidence("ageSeconds", age.toSeconds())
                .evidence("oldestOpenSeconds", s.oldestMillis() / 1000)
                .evidence("collectedWithoutClose", s.collectedUnclosed())
                .evidence("collectedWithoutCloseInWindow", collected)
                .evidence("opened", s.opened())
                .evidence("closed", s.closed())
                .evidence("openPerMinute", perMinute)
                .evidence("limit", max)
                .evidence("siteInferred", s.siteInferred())
                .evidence("windowSeconds", window.toSeconds());
        if (max > 0 && perMinute > 0) {
            f.evidence("minutesToLimit", Math.max(0, (max - s.openNow()) / perMinute));
        }
        f.advice("Open it in try-with-resources (or close it in a finally) on every path, the error paths included.")
                .advice("A stream left to the garbage collector keeps its descriptor until some GC runs its Cleaner: under load the process reaches \"Too many open files\" first.")
                .advice("If it is meant to stay open, keep one and reuse it instead of opening one per call.");
        return f;
    }
}
