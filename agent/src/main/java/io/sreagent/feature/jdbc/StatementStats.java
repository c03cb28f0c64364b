package io.sreagent.feature.jdbc;

import io.sreagent.report.Site;
import io.sreagent.support.LatencyRecorder;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Latency per statement shape: a histogram, error count and the latest slow samples with their
 * application site. At most {@code maxStatements} shapes are kept apart; later ones share {@link #OTHER}.
 */
public final class StatementStats {
    public static final String OTHER = "(other statements)";
    public static final String UNKNOWN = "(statement prepared before the agent started)";
    static final int SLOW_SAMPLES_KEPT = 5;

    /** One slow execution. */
    public record SlowSample(long atMillis, long durationMillis, String thread, Site site, List<String> stack) {
    }

    /** The figures of one statement shape. */
    public static final class Stat {
        public final String sql;
        final LatencyRecorder micros = new LatencyRecorder();
        final LongAdder errors = new LongAdder();
        final LongAdder slow = new LongAdder();
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

        synchronized void addSample(SlowSample s) {
            if (samples.size() == SLOW_SAMPLES_KEPT) {
                samples.removeFirst();
            }
            samples.addLast(s);
        }
    }

    private final ConcurrentHashMap<String, Stat> stats = new ConcurrentHashMap<>();
    private final int maxStatements;
    private final LongAdder folded = new LongAdder();

    public StatementStats(int maxStatements) {
        this.maxStatements = maxStatements;
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

    /** Statement shapes with the most total executions first, at most {@code limit}. */
    public Map<String, Object> metrics(int limit) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("distinct", stats.size());
        m.put("foldedIntoOther", folded.sum());
        List<Map<String, Object>> top = new ArrayList<>();
        all().stream().sorted((a, b) -> Long.compare(b.count(), a.count())).limit(limit).forEach(s -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("sql", s.sql);
            e.putAll(s.latency());
            e.put("errors", s.errors());
            e.put("slow", s.slow());
            top.add(e);
        });
        m.put("top", top);
        return m;
    }
}
