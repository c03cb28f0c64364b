package io.sreagent.feature.http.weaving;

import io.sreagent.bootstrap.HttpHooks;
import io.sreagent.weave.Matchers;
import io.sreagent.weave.Weaver;
import io.sreagent.weave.Weaving;
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
 * {@code HttpServletResponse.sendError(int[, String])} and {@code setStatus(int[, String])} of servlet
 * responses (jakarta and javax; the advice reads only the int): the application answering 5xx by itself,
 * with no exception escaping. Every request sets a status, so the advice only compares it below 500; the
 * hook then looks for the calling application frame once per request, for a sample of requests.
 */
public final class ResponseStatusWeaving implements Weaving {

    @Override
    public ElementMatcher<? super TypeDescription> types() {
        return Matchers.outside(Matchers.JDK).and(Matchers.classesExtending(
                "jakarta.servlet.http.HttpServletResponse", "javax.servlet.http.HttpServletResponse"));
    }

    @Override
    public AgentBuilder.Transformer transformer() {
        return Weaver.advice().advice(named("sendError").or(named("setStatus"))
                        .and(not(isAbstract()))
                        .and(takesArguments(1).or(takesArguments(2)))
                        .and(takesArgument(0, int.class)),
                StatusAdvice.class.getName());
    }

    /** Inlined into servlet responses' sendError and setStatus. */
    static final class StatusAdvice {
        private StatusAdvice() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) int status, @Advice.Origin("#t") String type) {
            if (status >= 500) {
                HttpHooks.inboundStatusSet(status, type);
            }
        }
    }
}
