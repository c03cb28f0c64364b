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
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Spring MVC's {@code HandlerExceptionResolver.resolveException(request, response, handler, Exception)}
 * implementations ({@code @ExceptionHandler} methods run behind one): the exception the framework turns into
 * an answer, remembered for the request in case that answer is a 5xx. Matched by name: Spring is not on
 * the agent's class path, and the advice reads only the exception.
 */
public final class HandlerExceptionResolverWeaving implements Weaving {

    @Override
    public ElementMatcher<? super TypeDescription> types() {
        return Matchers.outside(Matchers.JDK)
                .and(Matchers.classesExtending("org.springframework.web.servlet.HandlerExceptionResolver"));
    }

    @Override
    public AgentBuilder.Transformer transformer() {
        return Weaver.advice().advice(named("resolveException").and(not(isAbstract())).and(takesArguments(4)),
                ResolveAdvice.class.getName());
    }

    /** Inlined into resolveException. */
    static final class ResolveAdvice {
        private ResolveAdvice() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(3) Object exception) {
            HttpHooks.inboundHandled(exception);
        }
    }
}
