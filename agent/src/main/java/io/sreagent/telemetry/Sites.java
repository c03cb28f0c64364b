package io.sreagent.telemetry;

import io.sreagent.report.Site;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the application frame responsible: the first frame that is not the JDK, the agent, or a
 * well-known library, pool, server or framework (plus the user's own {@code site.skip} packages).
 */
public final class Sites {
    private static final List<String> LIBRARIES = List.of(
            "java.", "javax.", "jdk.", "sun.", "com.sun.", "jakarta.",
            "io.sreagent.",
            "org.eclipse.jetty.", "org.apache.", "io.undertow.", "org.glassfish.", "io.netty.", "io.vertx.",
            "org.springframework.", "org.hibernate.", "org.jboss.", "io.micronaut.", "io.quarkus.",
            "com.zaxxer.hikari.", "org.h2.", "org.postgresql.", "org.mariadb.", "com.mysql.", "oracle.jdbc.",
            "okhttp3.", "okio.", "reactor.", "io.reactivex.", "kotlin.", "kotlinx.", "scala.",
            "org.slf4j.", "ch.qos.logback.", "com.fasterxml.", "com.google.", "net.bytebuddy.", "io.micrometer.",
            "io.grpc.", "org.jooq.", "org.mybatis.");

    private final List<String> skipped;

    public Sites(List<String> userSkipped) {
        List<String> all = new ArrayList<>(LIBRARIES);
        all.addAll(userSkipped);
        this.skipped = List.copyOf(all);
    }

    public boolean isApplication(String className) {
        for (String prefix : skipped) {
            if (className.startsWith(prefix)) {
                return false;
            }
        }
        return true;
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

    /** Frames as text, at most {@code limit} of them. */
    public static List<String> frames(StackTraceElement[] stack, int limit) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < stack.length && i < limit; i++) {
            out.add(stack[i].toString());
        }
        return out;
    }
}
