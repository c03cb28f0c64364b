package io.sreagent.feature.listeners;

import io.sreagent.core.Rule;
import io.sreagent.report.Finding;
import io.sreagent.report.Format;
import io.sreagent.report.Severity;
import io.sreagent.report.Site;
import io.sreagent.support.SampleWindow;

import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code listener-leak}: one object holds at least {@code threshold} listeners and still gained more
 * during the window (a tenth of the threshold or more). Listeners registered once at start-up, however
 * many, do not grow; registrations that are removed again do not accumulate.
 */
public final class ListenerLeakRule implements Rule {
    static final int LISTED = 5;

    private final Supplier<Collection<ListenerRegistry.Holder>> holders;
    private final int threshold;
    private final Duration window;

    public ListenerLeakRule(Supplier<Collection<ListenerRegistry.Holder>> holders, int threshold, Duration window) {
        this.holders = holders;
        this.threshold = threshold;
        this.window = window;
    }

    @Override
    public void evaluate(long nowMillis, List<Finding> out) {
        long from = nowMillis - window.toMillis();
        double minGrowth = Math.max(1, threshold / 10.0);
        for (ListenerRegistry.Holder h : holders.get()) {
            SampleWindow w = h.window();
            if (w == null) {
                continue;
            }
            SampleWindow.Samples s = w.since(from);
            if (s.count() < 2) {
                continue;
            }
            double growth = s.last() - s.first();
            if (s.last() < threshold || growth < minGrowth) {
                continue;
            }
            out.add(finding(h, s, growth));
        }
    }

    private Finding finding(ListenerRegistry.Holder h, SampleWindow.Samples s, double growth) {
        Map<Site, Integer> bySite = h.bySite();
        Map.Entry<Site, Integer> top = bySite.entrySet().stream().max(Map.Entry.comparingByValue()).orElse(null);
        long net = (long) s.last();
        Finding f = new Finding("listener-leak", net >= 10L * threshold ? Severity.CRITICAL : Severity.WARNING,
                String.format(Locale.ROOT, "potential listener leak: %d listeners on one %s (%.0f more in %s)%s",
                        net, h.targetClass(), growth, Format.duration(window),
                        top == null ? "" : ", most registered at " + top.getKey()));
        if (top != null) {
            f.site(top.getKey());
        }
        f.stack(h.stack());
        f.evidence("targetClass", h.targetClass())
                .evidence("netRegistrations", net)
                .evidence("added", h.added())
                .evidence("removed", h.removed())
                .evidence("growthInWindow", (long) growth)
                .evidence("perMinute", s.slopePerMinute())
                .evidence("threshold", threshold)
                .evidence("listenerClasses", largest(h.byListenerClass(), String::valueOf))
                .evidence("registrationSites", largest(bySite, Site::toString))
                .evidence("windowSeconds", window.toSeconds());
        f.advice("Every add*Listener/addObserver/register needs its remove when the listener's owner goes away (close(), a finally, the end of the request or session).")
                .advice("A long-lived object (a singleton, a shared bus, a JDK PropertyChangeSupport) keeps every listener, and all it references, alive.")
                .advice("If the listener must not outlive its owner, register it once, or hold it through a WeakReference-based registry.");
        return f;
    }

    private static <K> Map<String, Integer> largest(Map<K, Integer> counts, java.util.function.Function<K, String> name) {
        Map<String, Integer> out = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<K, Integer>comparingByValue(Comparator.reverseOrder()))
                .limit(LISTED)
                .forEach(e -> out.put(name.apply(e.getKey()), e.getValue()));
        return out;
    }
}
