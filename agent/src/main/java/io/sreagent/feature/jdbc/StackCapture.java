package io.sreagent.feature.jdbc;

import io.sreagent.report.Site;
import io.sreagent.support.StackSites;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Captures where a JDBC call came from, at the cost the user chose: every call, one in N, or never.
 * The responsible site is the first application frame below the woven JDBC method, so a DataSource
 * wrapper of the application's own is not blamed for its callers' leaks.
 */
public final class StackCapture {
    /** Frames kept of a captured stack: enough to see the request path, small enough for a report. */
    static final int MAX_FRAMES = 40;

    public enum Mode {
        ALWAYS, SAMPLED, NEVER;

        public static Mode parse(String text) {
            return valueOf(text.toUpperCase(Locale.ROOT));
        }
    }

    /**
     * Where a call came from: the responsible site (null when no application frame was on the stack)
     * and the frames, turned into text only when a report shows them (that is most of the cost).
     */
    public static final class Origin {
        private final Site site;
        private final StackTraceElement[] frames;

        public Origin(Site site, StackTraceElement[] frames) {
            this.site = site;
            this.frames = frames;
        }

        public Site site() {
            return site;
        }

        public List<String> stack() {
            return StackSites.frames(frames, MAX_FRAMES);
        }
    }

    private final StackSites sites;
    /** As configured, or {@code ALWAYS} once escalated. Changed by the evaluation thread only. */
    private volatile Mode mode;
    /** A pool is short of connections: every acquisition's stack, so its holders are named (sampled mode only). */
    private volatile boolean underPressure;
    /** What {@link #due} reads, one volatile read per acquisition as before: the mode, or ALWAYS under pressure. */
    private volatile Mode effective;
    private final int sampleEvery;

    public StackCapture(StackSites sites, Mode mode, int sampleEvery) {
        this.sites = sites;
        this.mode = mode;
        this.effective = mode;
        this.sampleEvery = sampleEvery;
    }

    /** Whether this call should have its stack captured under the current mode. */
    public boolean due() {
        Mode m = effective;
        return m == Mode.ALWAYS || (m == Mode.SAMPLED && ThreadLocalRandom.current().nextInt(sampleEvery) == 0);
    }

    /**
     * Every acquisition's stack while a pool is under pressure, sampling again once it is over. Set at
     * each evaluation; returns whether that changed what is captured.
     */
    public boolean pressure(boolean on) {
        boolean was = underPressure;
        underPressure = on;
        effective = on && mode == Mode.SAMPLED ? Mode.ALWAYS : mode;
        return was != on && mode == Mode.SAMPLED;
    }

    public boolean underPressure() {
        return underPressure;
    }

    /** The first application frame of any stack (another thread's, say), or null. */
    public Site siteOf(StackTraceElement[] frames) {
        return sites.siteOf(frames);
    }

    /**
     * From sampling to every call, once a leak or exhausted pool whose site is unknown has been seen: the next
     * occurrences then carry their site, and a healthy application never pays for it.
     */
    public boolean escalate() {
        if (mode == Mode.SAMPLED) {
            mode = Mode.ALWAYS;
            effective = Mode.ALWAYS;
            return true;
        }
        return false;
    }

    public Mode mode() {
        return mode;
    }

    /** Captures the current stack as seen from inside a hook called by woven JDBC code. */
    public Origin capture() {
        return originOf(StackSites.current(MAX_FRAMES + 1));
    }

    /** frames[0] is the woven JDBC method itself; the site is the first application frame after it. */
    Origin originOf(StackTraceElement[] frames) {
        Site site = null;
        for (int i = 1; i < frames.length && site == null; i++) {
            if (sites.isApplication(frames[i].getClassName())) {
                site = Site.of(frames[i]);
            }
        }
        return new Origin(site, frames);
    }
}
