package io.sreagent.telemetry;

import io.sreagent.report.Site;

import java.lang.invoke.MethodType;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where something is being created or registered, read from the current stack with a
 * {@link StackWalker} (cheaper than a throwable: frames are materialised only up to the one we want).
 * Also says whether the stack passed through a JDK pool or timer, whose threads belong to the pool.
 */
public final class CreationSite {
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final int CACHED_PER_CLASS = 256;
    /** Sites already resolved, per class: file and line are the costly part of a walk, and a class's call sites are few. */
    private static final ClassValue<Map<FrameKey, Site>> RESOLVED = new ClassValue<>() {
        @Override
        protected Map<FrameKey, Site> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };
    private static final int MAX_DEPTH = 96;
    private static final Set<String> POOL_CLASSES = Set.of(
            "java.util.concurrent.ThreadPoolExecutor", "java.util.concurrent.ForkJoinPool", "java.util.Timer");

    private record FrameKey(String method, MethodType type, int bytecodeIndex) {
    }

    /** The first application frame (null when the stack has none) and whether a JDK pool was on the way. */
    public record Found(Site site, boolean viaPool) {
    }

    private CreationSite() {
    }

    public static Found find(Sites sites) {
        boolean[] viaPool = new boolean[1];
        Optional<StackWalker.StackFrame> app = WALKER.walk(frames -> frames.limit(MAX_DEPTH)
                .filter(f -> {
                    String cls = f.getClassName();
                    if (POOL_CLASSES.contains(cls)) {
                        viaPool[0] = true;
                    }
                    return sites.isApplication(cls);
                })
                .findFirst());
        return new Found(app.map(CreationSite::siteOf).orElse(null), viaPool[0]);
    }

    /**
     * The first application frame that is not in {@code calledClass}: the caller of an application
     * method that is itself woven (a registration method's own frame is not where it was called from).
     */
    public static Site callerOf(Sites sites, String calledClass) {
        return WALKER.walk(frames -> frames.limit(MAX_DEPTH)
                .filter(f -> !f.getClassName().equals(calledClass) && sites.isApplication(f.getClassName()))
                .findFirst()
                .map(CreationSite::siteOf)
                .orElse(null));
    }

    static Site siteOf(StackWalker.StackFrame frame) {
        Map<FrameKey, Site> resolved = RESOLVED.get(frame.getDeclaringClass());
        FrameKey key = new FrameKey(frame.getMethodName(), frame.getMethodType(), frame.getByteCodeIndex());
        Site site = resolved.get(key);
        if (site == null) {
            site = Site.of(frame.toStackTraceElement());
            if (resolved.size() < CACHED_PER_CLASS) {
                resolved.put(key, site);
            }
        }
        return site;
    }

    /** The current stack as text, at most {@code limit} frames, from the caller of the hooks on. */
    public static java.util.List<String> stack(int limit) {
        return WALKER.walk(frames -> frames
                .dropWhile(f -> f.getClassName().startsWith("io.sreagent."))
                .limit(limit)
                .map(f -> f.toStackTraceElement().toString())
                .toList());
    }
}
