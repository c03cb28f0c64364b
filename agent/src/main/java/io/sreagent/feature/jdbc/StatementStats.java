package io.sreagent.feature.jdbc;

import io.sreagent.report.Site;
import io.sreagent.support.CounterWindow;
import io.sreagent.support.LatencyRecorder;
import org.HdrHistogram.Histogram;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Latency per statement shape: a histogram, error count and the latest slow samples with their
 * application site, since start and over the recent window (intervals closed by {@link #tick}, nothing
 * added to the recording path). At most {@code maxStatements} shapes are kept apart; later ones share
 * {@link #OTHER}.
 */
public final class StatementStats {
    public static final String OTHER = "(other statements)";
    public static final String UNKNOWN = "(statement prepared before the agent started)";
    static final int SLOW_SAMPLES_KEPT = 5;
    static final int REPEAT_CAPTURES_PER_INTERVAL = 4;

    /** One slow execution. */
    public record SlowSample(long atMillis, long durationMillis, String thread, Site site, List<String> stack) {
    }

    /** One statement shape's figures over the recent window: latency, errors and slow executions. */
    public record Window(long windowMillis, Histogram micros, long errors, long slow) {
        public long count() {
            return micros.getTotalCount();
        }

        public Map<String, Object> metrics() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seconds", windowMillis / 1000.0);
            m.putAll(LatencyRecorder.summary(micros, "Micros"));
            m.put("errors", errors);
            m.put("slow", slow);
            return m;
        }
    }

    /** The figures of one statement shape. */
    public static final class Stat {
        public final String sql;
        final LatencyRecorder micros = new LatencyRecorder();
        final LongAdder errors = new LongAdder();
        final LongAdder slow = new LongAdder();
        /** errors, slow: their increase per evaluation interval. */
        private final CounterWindow recent = new CounterWindow(2);
        /** Stacks left to capture for n-plus-one in this evaluation interval (refilled at each tick). */
        private final AtomicInteger repeatCaptures = new AtomicInteger(REPEAT_CAPTURES_PER_INTERVAL);
        private final ArrayDeque<SlowSample> samples = new ArrayDeque<>();

        Stat(String sql) {
            this.sql = sql;
        }

        public long count() {
            return micros.count();
        }

        public long errors() {
            return errors.sum();
        }

        public long slow() {
            return slow.sum();
        }

        public Map<String, Object> latency() {
            return micros.summary("Micros");
        }

        public synchronized List<SlowSample> samples() {
            return new ArrayList<>(samples);
        }

        /** The slow samples taken after {@code fromMillis}, oldest first. */
        public synchronized List<SlowSample> samplesSince(long fromMillis) {
            List<SlowSample> out = new ArrayList<>();
            for (SlowSample s : samples) {
                if (s.atMillis() > fromMillis) {
                    out.add(s);
                }
            }
            return out;
        }

        /** Whether the n-plus-one site of this shape may be captured now (a few times per interval). */
        boolean takeRepeatCapture() {
            return repeatCaptures.get() > 0 && repeatCaptures.getAndDecrement() > 0;
        }

        /** Closes the interval since the previous tick; intervals older than {@code keepMillis} are forgotten. */
        void tick(long nowMillis, long keepMillis) {
            repeatCaptures.set(REPEAT_CAPTURES_PER_INTERVAL);
            micros.tick(nowMillis, keepMillis);
            recent.tick(nowMillis, keepMillis, errors.sum(), slow.sum());
        }

        /** The executions of the intervals that ended in the last {@code windowMillis}. */
        public Window window(long nowMillis, long windowMillis) {
            long[] sums = recent.sum(nowMillis, windowMillis);
            return new Window(windowMillis, micros.window(nowMillis, windowMillis), sums[0], sums[1]);
        }

        /** How many executions the window holds, without merging histograms. */
        public long windowCount(long nowMillis, long windowMillis) {
            return micros.windowCount(nowMillis, windowMillis);
        }

        /** Slow executions in the window: a counter read, no histogram merged. */
        public long windowSlow(long nowMillis, long windowMillis) {
            return recent.sum(nowMillis, windowMillis)[1];
        }

        synchronized void addSample(SlowSample s) {
            if (samples.size() == SLOW_SAMPLES_KEPT) {
                samples.removeFirst();
            }
            samples.addLast(s);
        }
    }

    private final ConcurrentHashMap<String, Stat> stats = new ConcurrentHashMap<>();
    private final int maxStatements;
    private final long windowMillis;
    private final LongAdder folded = new LongAdder();

    public StatementStats(int maxStatements, long windowMillis) {
        this.maxStatements = maxStatements;
        this.windowMillis = windowMillis;
    }

    public long windowMillis() {
        return windowMillis;
    }

    /** Every evaluation: closes each statement's interval, keeping a window's worth. */
    public void tick(long nowMillis) {
        for (Stat s : stats.values()) {
            s.tick(nowMillis, windowMillis);
        }
    }

    public Stat statOf(String sql) {
        Stat s = stats.get(sql);
        if (s != null) {
            return s;
        }
        if (stats.size() >= maxStatements) {
            folded.increment();
            return stats.computeIfAbsent(OTHER, Stat::new);
        }
        return stats.computeIfAbsent(sql, Stat::new);
    }

    /** The figures of a shape already seen, or null: never adds one. */
    public Stat existing(String sql) {
        return stats.get(sql);
    }

    /** Records one execution; slow ones are added with {@link #recordSlow}. */
    public void record(Stat s, long nanos, boolean failed) {
        s.micros.record(nanos / 1000);
        if (failed) {
            s.errors.increment();
        }
    }

    public void recordSlow(Stat s, SlowSample sample) {
        s.slow.increment();
        s.addSample(sample);
    }

    public List<Stat> all() {
        return new ArrayList<>(stats.values());
    }

    /**
     * At most {@code limit} statement shapes, those with slow executions in the window first, then the
     * most executed in the window, then the most executed since start: what runs now stays listed. Each
     * has its since-start totals (the keys as before) and its {@code window}.
     */
    public Map<String, Object> metrics(long nowMillis, int limit) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("distinct", stats.size());
        m.put("foldedIntoOther", folded.sum());
        m.put("windowSeconds", windowMillis / 1000.0);
        record Ranked(Stat stat, long slow, long count) {
        }
        List<Ranked> ranked = new ArrayList<>();
        for (Stat s : all()) {
            ranked.add(new Ranked(s, s.windowSlow(nowMillis, windowMillis), s.windowCount(nowMillis, windowMillis)));
        }
        ranked.sort(Comparator.comparingLong(Ranked::slow).thenComparingLong(Ranked::count)
                .thenComparingLong(r -> r.stat().count()).reversed());
        List<Map<String, Object>> top = new ArrayList<>();
        for (Ranked r : ranked.subList(0, Math.min(limit, ranked.size()))) {
            Stat s = r.stat();
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("sql", s.sql);
            e.putAll(s.latency());
            e.put("errors", s.errors());
            e.put("slow", s.slow());
            e.put("window", s.window(nowMillis, windowMillis).metrics());
            top.add(e);
        }
        m.put("top", top);
        return m;
    }
}
