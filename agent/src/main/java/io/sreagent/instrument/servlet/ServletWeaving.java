package io.sreagent.instrument.servlet;

import io.sreagent.instrument.Weaver;
import io.sreagent.instrument.Weaving;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Inbound requests of servlet containers: every concrete {@code Servlet.service(ServletRequest,
 * ServletResponse)} and {@code FilterChain.doFilter(...)}, so filters are inside the measured time.
 * The hooks count only the outermost entry per thread, so a request passing a filter chain, a
 * servlet and forwards or includes is counted once. One instance per servlet namespace (jakarta,
 * javax), each with advice compiled against that namespace.
 */
public final class ServletWeaving implements Weaving {
    private final String namespace;
    private final Class<?> advice;

    private ServletWeaving(String namespace, Class<?> advice) {
        this.namespace = namespace;
        this.advice = advice;
    }

    public static ServletWeaving jakarta() {
        return new ServletWeaving("jakarta.servlet.", JakartaServletAdvice.class);
    }

    public static ServletWeaving javax() {
        return new ServletWeaving("javax.servlet.", JavaxServletAdvice.class);
    }

    @Override
    public ElementMatcher<? super TypeDescription> types() {
        return not(nameStartsWith("java.").or(nameStartsWith("jdk.")).or(nameStartsWith("sun."))
                .or(nameStartsWith("com.sun.")))
                .and(not(isInterface()))
                .and(hasSuperType(named(namespace + "Servlet").or(named(namespace + "FilterChain"))));
    }

    @Override
    public AgentBuilder.Transformer transformer() {
        return Weaver.advice().advice(named("service").or(named("doFilter"))
                        .and(not(isAbstract()))
                        .and(takesArguments(2))
                        .and(takesArgument(0, named(namespace + "ServletRequest")))
                        .and(takesArgument(1, named(namespace + "ServletResponse"))),
                advice.getName());
    }
}
