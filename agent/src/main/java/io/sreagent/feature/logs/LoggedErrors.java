package io.sreagent.feature.logs;

import io.sreagent.report.Site;
import io.sreagent.support.CounterWindow;
import io.sreagent.support.StackSites;
import io.sreagent.support.Tally;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Errors logged with an exception, per logger and exception type: how many (a running count, windowed
 * by {@link #sample}), where the exception was thrown (its own stack's first application frame), which
 * message patterns and where they were logged from. The logging site costs a stack walk, so it is
 * learnt from the first {@link #LEARN_FIRST} events of a subject and then one in {@link #LEARN_EVERY}.
 * Bounded: {@link #MAX_SUBJECTS} subjects (events of more are counted in {@link #droppedEvents}) and a
 * few sites and patterns each.
 */
public final class LoggedErrors {
    public static final int MAX_SUBJECTS = 256;
    static final int SITES_PER_SUBJECT = 8;
    static final int PATTERNS_PER_SUBJECT = 8;
    static final int LEARN_FIRST = 16;
    static final int LEARN_EVERY = 64;
    static final int STACK_FRAMES = 24;

    private final StackSites sites;
    private final ConcurrentHashMap<Subject, Entry> entries = new ConcurrentHashMap<>();
    private final Tally<String> byFramework = new Tally<>(8);
    private final LongAdder droppedEvents = new LongAdder();

    public LoggedErrors(StackSites sites) {
        this.sites = sites;
    }

    /** What a finding is about: one logger logging one exception type. */
    public record Subject(String logger, String exceptionType) {
        @Override
        public String toString() {
            return logger + " " + exceptionType;
        }
    }

    public void record(String framework, String logger, String pattern, Throwable thrown, long nowMillis) {
        byFramework.add(framework, 1);
        Subject subject = new Subject(logger == null || logger.isEmpty() ? "(root)" : logger, thrown.getClass().getName());
        Entry e = entries.get(subject);
        if (e == null) {
            if (entries.size() >= MAX_SUBJECTS) {
                droppedEvents.increment();
                return;
            }
            e = entries.computeIfAbsent(subject, s -> new Entry(s, framework, nowMillis));
        }
        e.count.increment();
        long n = e.count.sum();
        StackTraceElement[] stack = thrown.getStackTrace();
        Site thrownAt = sites.siteOf(stack);
        if (thrownAt != null) {
            e.thrownAt.add(thrownAt, 1);
        }
        if (e.stack == null) {
            e.stack = StackSites.frames(stack, STACK_FRAMES);
        }
        e.patterns.add(MessagePatterns.normalise(pattern), 1);
        if (n <= LEARN_FIRST || n % LEARN_EVERY == 0) {
            Site loggedAt = sites.find().site();
            if (loggedAt != null) {
                e.loggedAt.add(loggedAt, 1);
            }
        }
    }

    /** Ticks every subject's window; called every evaluation interval. */
    public void sample(long nowMillis, long keepMillis) {
        for (Entry e : entries.values()) {
            e.window.tick(nowMillis, keepMillis, e.count.sum());
        }
    }

    public Collection<Entry> entries() {
        return new ArrayList<>(entries.values());
    }

    public Tally<String> byFramework() {
        return byFramework;
    }

    /** Events not counted per subject because the table was full. */
    public long droppedEvents() {
        return droppedEvents.sum();
    }

    /** One subject's events. */
    public static final class Entry {
        private final Subject subject;
        private final String framework;
        private final long firstSeenMillis;
        private final LongAdder count = new LongAdder();
        private final CounterWindow window = new CounterWindow(1);
        private final Tally<Site> thrownAt = new Tally<>(SITES_PER_SUBJECT);
        private final Tally<Site> loggedAt = new Tally<>(SITES_PER_SUBJECT);
        private final Tally<String> patterns = new Tally<>(PATTERNS_PER_SUBJECT);
        /** The first event's exception stack, for the report. */
        private volatile List<String> stack;

        Entry(Subject subject, String framework, long firstSeenMillis) {
            this.subject = subject;
            this.framework = framework;
            this.firstSeenMillis = firstSeenMillis;
        }

        public Subject subject() {
            return subject;
        }

        public String framework() {
            return framework;
        }

        public long firstSeenMillis() {
            return firstSeenMillis;
        }

        public long total() {
            return count.sum();
        }

        /** Events in the intervals that ended within the last {@code windowMillis}. */
        public long inWindow(long nowMillis, long windowMillis) {
            return window.sum(nowMillis, windowMillis)[0];
        }

        public Tally<Site> thrownAt() {
            return thrownAt;
        }

        /** Logging sites, counted over the events whose site was learnt. */
        public Tally<Site> loggedAt() {
            return loggedAt;
        }

        public Tally<String> patterns() {
            return patterns;
        }

        public List<String> stack() {
            List<String> s = stack;
            return s == null ? List.of() : s;
        }
    }
}
