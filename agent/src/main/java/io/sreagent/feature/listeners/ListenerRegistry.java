package io.sreagent.feature.listeners;

import io.sreagent.report.Site;
import io.sreagent.support.NamePattern;
import io.sreagent.support.SampleWindow;
import io.sreagent.support.StackSites;
import io.sreagent.support.WeakIdentityMap;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Net listener registrations per target object (the object whose add/remove method was called; the
 * class for a static registry). Targets and listeners are held weakly: a registration whose listener
 * was collected was not being kept alive by the target and no longer counts. The registering site is
 * captured only once a target holds {@link #CAPTURE_AFTER} listeners, and then only for registrations
 * that take it to a new high, so start-up registrations and balanced add/remove cost no stack walk. Bounded by {@link #MAX_TARGETS} targets and {@link #MAX_PER_TARGET}
 * registrations tracked per target (more are counted).
 */
public final class ListenerRegistry {
    public static final int MAX_TARGETS = 10_000;
    public static final int MAX_PER_TARGET = 10_000;
    public static final int CAPTURE_AFTER = 8;
    /** Targets with fewer net registrations are not sampled over time. */
    public static final int WATCH_FROM = 8;
    static final int STACK_FRAMES = 16;
    /** When a target is full, registrations between two attempts to drop collected listeners from it. */
    static final int PRUNE_EVERY = 1024;

    private final StackSites sites;
    private final int windowCapacity;
    private final WeakIdentityMap<Object, Holder> targets = new WeakIdentityMap<>(MAX_TARGETS);

    public ListenerRegistry(StackSites sites, int windowCapacity) {
        this.sites = sites;
        this.windowCapacity = windowCapacity;
    }

    public void added(Object target, Class<?> declaringType, Object[] arguments) {
        Object listener = listenerOf(arguments);
        if (listener == null) {
            return;
        }
        Object key = target != null ? target : declaringType;
        Holder h = targets.computeIfAbsent(key, k -> new Holder(
                target != null ? NamePattern.className(target.getClass()) : declaringType.getName() + " (static)"));
        if (h != null) {
            // Only a registration that takes the target to a new high is walked: a leak keeps doing that,
            // a busy but balanced target (add, remove, add...) does not.
            boolean capture = h.size >= CAPTURE_AFTER && h.size >= h.peak;
            h.add(listener, capture ? sites.callerOf(declaringType.getName()) : null,
                    capture && h.stack == null ? StackSites.currentText(STACK_FRAMES) : null);
        }
    }

    public void removed(Object target, Class<?> declaringType, Object[] arguments) {
        Object listener = listenerOf(arguments);
        Holder h = listener == null ? null : targets.get(target != null ? target : declaringType);
        if (h != null) {
            h.remove(listener);
        }
    }

    /** The listener among a registration's arguments: the first that is not a String (a property or event name). */
    static Object listenerOf(Object[] arguments) {
        if (arguments != null) {
            for (Object a : arguments) {
                if (a != null && !(a instanceof String)) {
                    return a;
                }
            }
        }
        return null;
    }

    public void sample(long nowMillis) {
        targets.forEach((target, h) -> h.sample(nowMillis, windowCapacity));
    }

    /** Holders whose targets are still alive. */
    public Collection<Holder> holders() {
        List<Holder> out = new ArrayList<>();
        targets.forEach((target, h) -> out.add(h));
        return out;
    }

    /** Targets not tracked because the table was full. */
    public long droppedTargets() {
        return targets.dropped();
    }

    /** One target's registrations. */
    public static final class Holder {
        private final String targetClass;
        private final ArrayList<Registration> registrations = new ArrayList<>();
        private final LongAdder added = new LongAdder();
        private final LongAdder removed = new LongAdder();
        private volatile int size;
        private volatile int peak;
        /** One registering stack, the first captured, for the report. */
        private volatile List<String> stack;
        private long untracked;
        private int addsSincePrune;
        private SampleWindow window;

        Holder(String targetClass) {
            this.targetClass = targetClass;
        }

        synchronized void add(Object listener, Site site, List<String> firstStack) {
            added.increment();
            if (stack == null && firstStack != null) {
                stack = firstStack;
            }
            if (registrations.size() >= MAX_PER_TARGET && ++addsSincePrune >= PRUNE_EVERY) {
                addsSincePrune = 0;
                prune();
            }
            if (registrations.size() < MAX_PER_TARGET) {
                registrations.add(new Registration(new WeakReference<>(listener), site));
            } else {
                untracked++;
            }
            size = registrations.size();
            peak = Math.max(peak, size);
        }

        /** Removes the most recent registration of this very listener; one registered before the agent came is ignored. */
        synchronized void remove(Object listener) {
            removed.increment();
            for (int i = registrations.size() - 1; i >= 0; i--) {
                if (registrations.get(i).listener.get() == listener) {
                    registrations.remove(i);
                    size = registrations.size();
                    return;
                }
            }
            if (untracked > 0) {
                untracked--;
            }
        }

        synchronized void sample(long nowMillis, int windowCapacity) {
            prune();
            int net = net();
            if (window == null && net >= WATCH_FROM) {
                window = new SampleWindow(windowCapacity);
            }
            if (window != null) {
                window.add(nowMillis, net);
            }
        }

        private void prune() {
            registrations.removeIf(r -> r.listener.get() == null); // one pass, not a shift per removal
            size = registrations.size();
        }

        /** The first registering stack captured, or an empty list. */
        public List<String> stack() {
            List<String> s = stack;
            return s == null ? List.of() : s;
        }

        public String targetClass() {
            return targetClass;
        }

        /** Registrations still in place (tracked plus counted-only). */
        public synchronized int net() {
            return registrations.size() + (int) Math.min(Integer.MAX_VALUE, untracked);
        }

        public long added() {
            return added.sum();
        }

        public long removed() {
            return removed.sum();
        }

        /** Net registrations per evaluation, or null while the target holds few listeners. */
        public synchronized SampleWindow window() {
            return window;
        }

        /** Registrations in place per listener class. */
        public synchronized Map<String, Integer> byListenerClass() {
            Map<String, Integer> m = new HashMap<>();
            for (Registration r : registrations) {
                Object listener = r.listener.get();
                if (listener != null) {
                    m.merge(NamePattern.className(listener.getClass()), 1, Integer::sum);
                }
            }
            return m;
        }

        /** Registrations in place per registering site, for those whose site was captured. */
        public synchronized Map<Site, Integer> bySite() {
            Map<Site, Integer> m = new HashMap<>();
            for (Registration r : registrations) {
                if (r.site != null) {
                    m.merge(r.site, 1, Integer::sum);
                }
            }
            return m;
        }
    }

    /** The listener's class name is read when reported, not on every registration. */
    private record Registration(WeakReference<Object> listener, Site site) {
    }
}
