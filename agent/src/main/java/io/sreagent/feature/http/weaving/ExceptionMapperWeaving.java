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
import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * JAX-RS {@code ExceptionMapper.toResponse(E)} implementations (javax.ws.rs and jakarta.ws.rs): the exception
 * the application maps to an answer, remembered for the request in case that answer is a 5xx. Matched by
 * name, no JAX-RS on the agent's class path; the compiler's bridge {@code toResponse(Throwable)} is left
 * out, it only calls the typed method.
 */
public final class ExceptionMapperWeaving implements Weaving {

    @Override
    public ElementMatcher<? super TypeDescription> types() {
        return Matchers.outside(Matchers.JDK).and(Matchers.classesExtending(
                "jakarta.ws.rs.ext.ExceptionMapper", "javax.ws.rs.ext.ExceptionMapper"));
    }

    @Override
    public AgentBuilder.Transformer transformer() {
        return Weaver.advice().advice(named("toResponse").and(not(isAbstract())).and(not(isBridge())).and(takesArguments(1)),
                MapAdvice.class.getName());
    }

    /** Inlined into toResponse. */
    static final class MapAdvice {
        private MapAdvice() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) Object exception) {
            HttpHooks.inboundHandled(exception);
        }
    }
}
