package io.sreagent.feature.http.weaving;

import io.sreagent.bootstrap.HttpHooks;
import io.sreagent.weave.Matchers;
import io.sreagent.weave.Weaver;
import io.sreagent.weave.Weaving;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.named;
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
    /** Spring MVC stores the matched route template here; other frameworks leave it unset. */
    static final String SPRING_PATTERN = "org.springframework.web.servlet.HandlerMapping.bestMatchingPattern";

    private final String namespace;
    private final Class<?> advice;

    private ServletWeaving(String namespace, Class<?> advice) {
        this.namespace = namespace;
        this.advice = advice;
    }

    public static ServletWeaving jakarta() {
        return new ServletWeaving("jakarta.servlet.", JakartaAdvice.class);
    }

    public static ServletWeaving javax() {
        return new ServletWeaving("javax.servlet.", JavaxAdvice.class);
    }

    /** "servlet-jakarta" or "servlet-javax". */
    @Override
    public String name() {
        return "servlet-" + namespace.substring(0, namespace.indexOf('.'));
    }

    @Override
    public ElementMatcher<? super TypeDescription> types() {
        return Matchers.outside(Matchers.JDK).and(Matchers.classesExtending(namespace + "Servlet", namespace + "FilterChain"));
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

    /** Inlined into jakarta.servlet servlets and filter chains. */
    static final class JakartaAdvice {
        private JakartaAdvice() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return HttpHooks.inboundEnter();
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter long start, @Advice.Argument(0) Object request, @Advice.Argument(1) Object response,
                         @Advice.Thrown Throwable thrown) {
            long nanos = HttpHooks.inboundLeave(start);
            if (nanos < 0 && thrown != null) {
                HttpHooks.inboundHandled(thrown); // thrown out of a nested filter or servlet: an outer one may answer for it
            } else if (nanos >= 0 && request instanceof HttpServletRequest && response instanceof HttpServletResponse) {
                HttpServletRequest req = (HttpServletRequest) request;
                // An async handler's response is finished later, on another thread: only mark it.
                HttpHooks.inboundRecord(nanos, "servlet", req.getMethod(), req.getRequestURI(),
                        req.getAttribute(SPRING_PATTERN), ((HttpServletResponse) response).getStatus(), thrown,
                        req.isAsyncStarted(), req.getDispatcherType() == DispatcherType.REQUEST);
            }
        }
    }

    /** Inlined into javax.servlet servlets and filter chains. */
    static final class JavaxAdvice {
        private JavaxAdvice() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return HttpHooks.inboundEnter();
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter long start, @Advice.Argument(0) Object request, @Advice.Argument(1) Object response,
                         @Advice.Thrown Throwable thrown) {
            long nanos = HttpHooks.inboundLeave(start);
            if (nanos < 0 && thrown != null) {
                HttpHooks.inboundHandled(thrown); // thrown out of a nested filter or servlet: an outer one may answer for it
            } else if (nanos >= 0 && request instanceof javax.servlet.http.HttpServletRequest && response instanceof javax.servlet.http.HttpServletResponse) {
                javax.servlet.http.HttpServletRequest req = (javax.servlet.http.HttpServletRequest) request;
                // An async handler's response is finished later, on another thread: only mark it.
                HttpHooks.inboundRecord(nanos, "servlet", req.getMethod(), req.getRequestURI(),
                        req.getAttribute(SPRING_PATTERN), ((javax.servlet.http.HttpServletResponse) response).getStatus(), thrown,
                        req.isAsyncStarted(), req.getDispatcherType() == javax.servlet.DispatcherType.REQUEST);
            }
        }
    }
}
