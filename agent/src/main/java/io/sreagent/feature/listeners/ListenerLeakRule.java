package io.sreagent.feature.listeners;

import io.sreagent.core.Rule;
import io.sreagent.report.Finding;
import io.sreagent.report.Format;
import io.sreagent.report.Severity;
import io.sreagent.report.Site;
import io.sreagent.support.SampleWindow;
import io.sreagent.support.SteadyRise;

import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code listener-leak}: the listeners held by one object rose steadily (a strong trend whose later
 * half rose too) by at least {@code minGrowth} over the window, judged from half the window on, and
 * the registering site of the rise is known. Listeners registered once at start-up, however many, make
 * one step and then stay flat; registrations that are removed again do not accumulate.
 */
public final class ListenerLeakRule implements Rule {
    static final int LISTED = 5;
    /** Net registrations, as a multiple of the minimum growth, from which the leak is critical. */
    static final int CRITICAL_TIMES = 50;

    private final Supplier<Collection<ListenerRegistry.Holder>> holders;
    private final int minGrowth;
    private final Duration window;

    public ListenerLeakRule(Supplier<Collection<ListenerRegistry.Holder>> holders, int minGrowth, Duration window) {
        this.holders = holders;
        this.minGrowth = minGrowth;
        this.window = window;
    }

    @Override
    public void evaluate(long nowMillis, List<Finding> out) {
        for (ListenerRegistry.Holder h : holders.get()) {
            SampleWindow w = h.window();
            if (w == null || nowMillis - w.oldestTime() < window.toMillis() / 2) {
                continue;
            }
            SampleWindow.Samples s = w.since(nowMillis - window.toMillis());
            if (!SteadyRise.of(s, minGrowth)) {
                continue;
            }
            Map<Site, Integer> bySite = h.bySite();
            Map.Entry<Site, Integer> top = bySite.entrySet().stream().max(Map.Entry.comparingByValue()).orElse(null);
            if (top != null) {
                out.add(finding(h, s, bySite, top));
            }
        }
    }

    private Finding finding(ListenerRegistry.Holder h, SampleWindow.Samples s, Map<Site, Integer> bySite, Map.Entry<Site, Integer> top) {
        long net = (long) s.last();
        double growth = s.last() - s.first();
        Finding f = new Finding("listener-leak", net >= (long) CRITICAL_TIMES * minGrowth ? Severity.CRITICAL : Severity.WARNING,
                String.format(Locale.ROOT, "potential listener leak: %d listeners on one %s (%.0f more in %s, %.1f per minute), most registered at %s",
                        net, h.targetClass(), growth, Format.duration(Duration.ofMillis(s.spanMillis())), s.slopePerMinute(), top.getKey()));
        f.subject(h.targetClass() + " " + top.getKey())
                .window(window)
                .site(top.getKey())
                .stack(h.stack());
        f.evidence("targetClass", h.targetClass())
                .evidence("netRegistrations", net)
                .evidence("added", h.added())
                .evidence("removed", h.removed())
                .evidence("growthInWindow", (long) growth)
                .evidence("perMinute", s.slopePerMinute())
                .evidence("trendCorrelation", s.correlation())
                .evidence("minGrowth", minGrowth)
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
