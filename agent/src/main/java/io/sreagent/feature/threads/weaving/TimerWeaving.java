package io.sreagent.feature.threads.weaving;

import io.sreagent.bootstrap.ThreadHooks;
import io.sreagent.weave.Weaver;
import io.sreagent.weave.Weaving;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code java.util.Timer}: its constructors (each starts one thread that lives until {@code cancel()})
 * and {@code cancel()}, which has no public "is cancelled" query to poll.
 */
public final class TimerWeaving implements Weaving {

    @Override
    public ElementMatcher<? super TypeDescription> types() {
        return named("java.util.Timer");
    }

    @Override
    public AgentBuilder.Transformer transformer() {
        return Weaver.advice()
                .advice(isConstructor(), CreatedAdvice.class.getName())
                .advice(named("cancel").and(takesArguments(0)), CancelAdvice.class.getName());
    }

    static final class CreatedAdvice {
        private CreatedAdvice() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object timer) {
            ThreadHooks.executorCreated(timer);
        }
    }

    static final class CancelAdvice {
        private CancelAdvice() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object timer) {
            ThreadHooks.timerCancelled(timer);
        }
    }
}
