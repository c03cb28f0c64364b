package io.sreagent.support;

import io.sreagent.report.Site;

import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the application frame responsible: the first frame that is not the JDK, the agent, or a
 * well-known library, pool, server, framework or test runner (plus the user's own {@code site.skip}
 * packages), in a stack already taken (an exception's, a thread dump's, a JFR sample's) or in the
 * current one. The application's own packages ({@link ApplicationCode}, and {@code site.include},
 * which wins over everything) are never skipped, so an application under {@code org.springframework.samples}
 * still gets its sites.
 * The current stack is read with a {@link StackWalker}, cheaper than a throwable: frames are
 * materialised only up to the one wanted.
 */
public final class StackSites {
    /** Built at run time: the agent jar relocates its own SLF4J, and that rewrites the literal package name too. */
    private static final String SLF4J = String.join(".", "org", "slf4j", "");
    private static final List<String> LIBRARIES = List.of(
            "java.", "javax.", "jdk.", "sun.", "com.sun.", "jakarta.",
            "io.sreagent.",
            "org.eclipse.jetty.", "org.apache.", "io.undertow.", "org.glassfish.", "io.netty.", "io.vertx.",
            "org.springframework.", "org.hibernate.", "org.jboss.", "io.micronaut.", "io.quarkus.",
            "com.zaxxer.hikari.", "org.h2.", "org.postgresql.", "org.mariadb.", "com.mysql.", "oracle.jdbc.",
            "okhttp3.", "okio.", "reactor.", "io.reactivex.", "kotlin.", "kotlinx.", "scala.",
            SLF4J, "ch.qos.logback.", "com.fasterxml.", "com.google.", "net.bytebuddy.", "io.micrometer.",
            "io.grpc.", "org.jooq.", "org.mybatis.", "redis.clients.", "io.lettuce.",
            "org.junit.", "junit.", "org.testng.", "org.gradle.", "org.opentest4j.", "org.assertj.", "org.mockito.");
    private static final String AGENT_PACKAGE = "io.sreagent.";
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final int MAX_DEPTH = 96;
    private static final int CACHED_PER_CLASS = 256;
    /** Sites already resolved, per class: file and line are the costly part of a walk, and a class's call sites are few. */
    private static final ClassValue<Map<FrameKey, Site>> RESOLVED = new ClassValue<>() {
        @Override
        protected Map<FrameKey, Site> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };
    private static final Set<String> POOL_CLASSES = Set.of(
            "java.util.concurrent.ThreadPoolExecutor", "java.util.concurrent.ForkJoinPool", "java.util.Timer");

    private record FrameKey(String method, MethodType type, int bytecodeIndex) {
    }

    /** The first application frame of the current stack (null when it has none) and whether a JDK pool was on the way. */
    public record Found(Site site, boolean viaPool) {
    }

    private final List<String> included;
    private final List<String> skipped;
    private final ApplicationCode application;

    /** With the built-in skip list plus {@code userSkipped}, and no application packages known. */
    public StackSites(List<String> userSkipped) {
        this(List.of(), userSkipped, ApplicationCode.none());
    }

    public StackSites(List<String> included, List<String> userSkipped, ApplicationCode application) {
        List<String> all = new ArrayList<>(LIBRARIES);
        all.addAll(userSkipped);
        this.included = List.copyOf(included);
        this.skipped = List.copyOf(all);
        this.application = application;
    }

    public boolean isApplication(String className) {
        for (String prefix : included) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        if (className.startsWith(AGENT_PACKAGE)) {
            return false;
        }
        if (application.contains(className)) {
            return true;
        }
        for (String prefix : skipped) {
            if (className.startsWith(prefix)) {
                return false;
            }
        }
        return true;
    }

    /** What is known of the application's own packages, for the report. */
    public List<String> applicationPackages(int limit) {
        return application.describe(limit);
    }

    /** The first application frame, or null when the stack holds none. */
    public Site siteOf(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            if (isApplication(frame.getClassName())) {
                return Site.of(frame);
            }
        }
        return null;
    }

    /** The first application frame of the current stack, and whether it passed through a JDK pool or timer. */
    public Found find() {
        boolean[] viaPool = new boolean[1];
        Optional<StackWalker.StackFrame> app = WALKER.walk(frames -> frames.limit(MAX_DEPTH)
                .filter(f -> {
                    String cls = f.getClassName();
                    if (POOL_CLASSES.contains(cls)) {
                        viaPool[0] = true;
                    }
                    return isApplication(cls);
                })
                .findFirst());
        return new Found(app.map(StackSites::siteOf).orElse(null), viaPool[0]);
    }

    /**
     * The first application frame of the current stack that is not in {@code calledClass}: the caller of
     * an application method that is itself woven (a registration method's own frame is not where it was called from).
     */
    public Site callerOf(String calledClass) {
        return WALKER.walk(frames -> frames.limit(MAX_DEPTH)
                .filter(f -> !f.getClassName().equals(calledClass) && isApplication(f.getClassName()))
                .findFirst()
                .map(StackSites::siteOf)
                .orElse(null));
    }

    private static Site siteOf(StackWalker.StackFrame frame) {
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

    /** The current stack from the caller of the agent's hooks on, at most {@code limit} frames. */
    public static StackTraceElement[] current(int limit) {
        return WALKER.walk(frames -> frames
                .dropWhile(f -> f.getClassName().startsWith(AGENT_PACKAGE))
                .limit(limit)
                .map(StackWalker.StackFrame::toStackTraceElement)
                .toArray(StackTraceElement[]::new));
    }

    /** The same as text. */
    public static List<String> currentText(int limit) {
        return frames(current(limit), limit);
    }

    /** Frames as text, at most {@code limit} of them. */
    public static List<String> frames(StackTraceElement[] stack, int limit) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < stack.length && i < limit; i++) {
            out.add(NamePattern.frame(stack[i].toString()));
        }
        return out;
    }
}
