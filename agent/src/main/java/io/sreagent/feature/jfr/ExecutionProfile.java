package io.sreagent.feature.jfr;

import io.sreagent.report.Site;
import io.sreagent.support.Tally;

import java.util.ArrayDeque;
import java.util.ArrayList;
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
    private static final String AGENT_PACKAGE = "io.sreagent.";
    static final StackTraceElement AGENT_FRAME = new StackTraceElement("[sre-agent]", "hooks", null, -1);

    private static final Tally<String> EMPTY_STRINGS = new Tally<>(0);
    private static final Tally<Site> EMPTY_SITES = new Tally<>(0);

    private final int ticksKept;
    private final ArrayDeque<Tick> ticks = new ArrayDeque<>();
    private Tick current = new Tick();

    public ExecutionProfile(int ticksKept) {
        this.ticksKept = ticksKept;
    }

    /** One sample: the thread's name and its stack, innermost frame first. */
    public synchronized void add(String thread, List<StackTraceElement> frames, Site appSite) {
        if (frames.isEmpty()) {
            return;
        }
        List<StackTraceElement> stack = foldAgentFrames(frames);
        Tick t = current;
        t.samples++;
        StackTraceElement top = stack.get(0);
        String method = top.getClassName() + "." + top.getMethodName();
        boolean ok = t.methods.add(method, 1);
        Culprit culprit = Culprit.of(stack);
        if (culprit != null) {
            ok &= t.culprits.add(culprit.name(), 1);
            ok &= nested(t.culpritMethods, culprit.name(), MAX_KEYS).add(method, 1);
        }
        Tally<Site> sites = appSite == null ? null : nested(t.sites, culprit != null ? culprit.name() : method, 16);
        if (sites != null) {
            ok &= sites.add(appSite, 1);
        }
        ok &= t.threads.add(thread, 1);
        Tally<String> threadMethods = nested(t.threadMethods, thread, 32);
        if (threadMethods != null) {
            ok &= threadMethods.add(method, 1);
        }
        ok &= t.stacks.add(collapse(stack), 1);
        if (!ok) {
            t.dropped++;
        }
    }

    /** The inner tally of {@code key}, made with {@code capacity} when new; null when MAX_KEYS outer keys are taken. */
    private static <K> Tally<K> nested(Map<String, Tally<K>> outer, String key, int capacity) {
        Tally<K> inner = outer.get(key);
        if (inner == null && outer.size() < MAX_KEYS) {
            inner = new Tally<>(capacity);
            outer.put(key, inner);
        }
        return inner;
    }

    /**
     * Runs of the agent's own frames (advice hooks called on application threads) become one
     * {@link #AGENT_FRAME}: the agent's cost stays visible in the profile, as one honest entry, without
     * its internals crowding the application's methods.
     */
    static List<StackTraceElement> foldAgentFrames(List<StackTraceElement> stack) {
        boolean any = false;
        for (StackTraceElement f : stack) {
            if (f.getClassName().startsWith(AGENT_PACKAGE)) {
                any = true;
                break;
            }
        }
        if (!any) {
            return stack;
        }
        List<StackTraceElement> out = new ArrayList<>(stack.size());
        for (StackTraceElement f : stack) {
            boolean agent = f.getClassName().startsWith(AGENT_PACKAGE);
            if (!agent) {
                out.add(f);
            } else if (out.isEmpty() || out.get(out.size() - 1) != AGENT_FRAME) {
                out.add(AGENT_FRAME);
            }
        }
        return out;
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
        Tick merged = Tick.window();
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
        final Tally<String> methods;
        final Tally<String> culprits;
        final Map<String, Tally<String>> culpritMethods = new HashMap<>();
        final Map<String, Tally<Site>> sites = new HashMap<>();
        final Tally<String> threads;
        final Map<String, Tally<String>> threadMethods = new HashMap<>();
        final Tally<String> stacks;

        /** A tick recording samples, bounded per key. */
        Tick() {
            this(MAX_KEYS, MAX_STACKS);
        }

        private Tick(int keys, int stackKeys) {
            methods = new Tally<>(keys);
            culprits = new Tally<>(keys);
            threads = new Tally<>(keys);
            stacks = new Tally<>(stackKeys);
        }

        /** A window: the merge of bounded ticks, itself unbounded. */
        static Tick window() {
            return new Tick(Integer.MAX_VALUE, Integer.MAX_VALUE);
        }

        void merge(Tick t) {
            samples += t.samples;
            dropped += t.dropped;
            methods.addAll(t.methods);
            culprits.addAll(t.culprits);
            mergeNested(culpritMethods, t.culpritMethods);
            mergeNested(sites, t.sites);
            threads.addAll(t.threads);
            mergeNested(threadMethods, t.threadMethods);
            stacks.addAll(t.stacks);
        }

        private static <K> void mergeNested(Map<String, Tally<K>> into, Map<String, Tally<K>> from) {
            from.forEach((k, inner) -> into.computeIfAbsent(k, x -> Tally.unbounded()).addAll(inner));
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

        public Tally<String> methods() {
            return methods;
        }

        public Tally<String> culprits() {
            return culprits;
        }

        public Tally<String> culpritMethods(String culprit) {
            return culpritMethods.getOrDefault(culprit, EMPTY_STRINGS);
        }

        /** Application sites seen under a method or culprit key. */
        public Tally<Site> sites(String key) {
            return sites.getOrDefault(key, EMPTY_SITES);
        }

        public Tally<String> threads() {
            return threads;
        }

        public Tally<String> threadMethods(String thread) {
            return threadMethods.getOrDefault(thread, EMPTY_STRINGS);
        }

        public Tally<String> stacks() {
            return stacks;
        }
    }
}
