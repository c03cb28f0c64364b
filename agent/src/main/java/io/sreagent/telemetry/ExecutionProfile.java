package io.sreagent.telemetry;

import io.sreagent.report.Site;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Execution samples (stacks of threads caught running Java code) aggregated per evaluation tick: the
 * running method, the recognised {@link Culprit}, the responsible application site, collapsed stacks
 * for a flame graph, and samples per thread. The last ticks are kept so rules can look at a window.
 * Every map is capped per tick; what did not fit is counted in {@code dropped}.
 */
public final class ExecutionProfile {
    static final int MAX_KEYS = 256;
    static final int MAX_STACKS = 512;
    static final int STACK_DEPTH = 48;

    private final int ticksKept;
    private final ArrayDeque<Tick> ticks = new ArrayDeque<>();
    private Tick current = new Tick();

    public ExecutionProfile(int ticksKept) {
        this.ticksKept = ticksKept;
    }

    /** One sample: the thread's name and its stack, innermost frame first. */
    public synchronized void add(String thread, List<StackTraceElement> stack, Site appSite) {
        if (stack.isEmpty()) {
            return;
        }
        Tick t = current;
        t.samples++;
        StackTraceElement top = stack.get(0);
        String method = top.getClassName() + "." + top.getMethodName();
        boolean ok = Counts.add(t.methods, method, 1, MAX_KEYS);
        Culprit culprit = Culprit.of(stack);
        if (culprit != null) {
            ok &= Counts.add(t.culprits, culprit.name(), 1, MAX_KEYS);
            ok &= Counts.add(t.culpritMethods.computeIfAbsent(culprit.name(), k -> new HashMap<>()), method, 1, MAX_KEYS);
        }
        if (appSite != null) {
            String key = culprit != null ? culprit.name() : method;
            if (t.sites.size() < MAX_KEYS || t.sites.containsKey(key)) {
                ok &= Counts.add(t.sites.computeIfAbsent(key, k -> new HashMap<>()), appSite, 1, 16);
            }
        }
        ok &= Counts.add(t.threads, thread, 1, MAX_KEYS);
        if (t.threadMethods.size() < MAX_KEYS || t.threadMethods.containsKey(thread)) {
            ok &= Counts.add(t.threadMethods.computeIfAbsent(thread, k -> new HashMap<>()), method, 1, 32);
        }
        ok &= Counts.add(t.stacks, collapse(stack), 1, MAX_STACKS);
        if (!ok) {
            t.dropped++;
        }
    }

    /** Root-first frames joined by ';', the "folded" format flame-graph tools read. */
    static String collapse(List<StackTraceElement> stack) {
        StringBuilder b = new StringBuilder();
        for (int i = Math.min(stack.size(), STACK_DEPTH) - 1; i >= 0; i--) {
            StackTraceElement f = stack.get(i);
            b.append(f.getClassName()).append('.').append(f.getMethodName());
            if (i > 0) {
                b.append(';');
            }
        }
        return b.toString();
    }

    /** Ends the current tick at {@code nowMillis}; only the newest {@code ticksKept} ticks are kept. */
    public synchronized void closeTick(long nowMillis) {
        current.endMillis = nowMillis;
        ticks.addLast(current);
        while (ticks.size() > ticksKept) {
            ticks.removeFirst();
        }
        current = new Tick();
    }

    /** Everything in the closed ticks that ended after {@code fromMillis}, merged. */
    public synchronized Tick since(long fromMillis) {
        Tick merged = new Tick();
        merged.startMillis = Long.MAX_VALUE;
        Tick previous = null;
        for (Tick t : ticks) {
            if (t.endMillis > fromMillis) {
                merged.merge(t);
                long start = previous == null ? t.endMillis : previous.endMillis;
                merged.startMillis = Math.min(merged.startMillis, start);
                merged.endMillis = Math.max(merged.endMillis, t.endMillis);
            }
            previous = t;
        }
        if (merged.startMillis == Long.MAX_VALUE) {
            merged.startMillis = 0;
        }
        return merged;
    }

    /** Samples of one tick, or of a window of merged ticks. Not thread-safe: a window is a private copy. */
    public static final class Tick {
        long startMillis;
        long endMillis;
        long samples;
        long dropped;
        final Map<String, Long> methods = new HashMap<>();
        final Map<String, Long> culprits = new HashMap<>();
        final Map<String, Map<String, Long>> culpritMethods = new HashMap<>();
        final Map<String, Map<Site, Long>> sites = new HashMap<>();
        final Map<String, Long> threads = new HashMap<>();
        final Map<String, Map<String, Long>> threadMethods = new HashMap<>();
        final Map<String, Long> stacks = new HashMap<>();

        void merge(Tick t) {
            samples += t.samples;
            dropped += t.dropped;
            Counts.addAll(methods, t.methods);
            Counts.addAll(culprits, t.culprits);
            Counts.addAllNested(culpritMethods, t.culpritMethods);
            Counts.addAllNested(sites, t.sites);
            Counts.addAll(threads, t.threads);
            Counts.addAllNested(threadMethods, t.threadMethods);
            Counts.addAll(stacks, t.stacks);
        }

        public long samples() {
            return samples;
        }

        public long dropped() {
            return dropped;
        }

        /** Time covered by the window (from the end of the tick before it), 0 when unknown. */
        public long spanMillis() {
            return startMillis == 0 ? 0 : endMillis - startMillis;
        }

        public Map<String, Long> methods() {
            return methods;
        }

        public Map<String, Long> culprits() {
            return culprits;
        }

        public Map<String, Long> culpritMethods(String culprit) {
            return culpritMethods.getOrDefault(culprit, Map.of());
        }

        /** Application sites seen under a method or culprit key. */
        public Map<Site, Long> sites(String key) {
            return sites.getOrDefault(key, Map.of());
        }

        public Map<String, Long> threads() {
            return threads;
        }

        public Map<String, Long> threadMethods(String thread) {
            return threadMethods.getOrDefault(thread, Map.of());
        }

        public Map<String, Long> stacks() {
            return stacks;
        }
    }
}
