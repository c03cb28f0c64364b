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

/**
 * Constructors of {@code ThreadPoolExecutor} (so also {@code ScheduledThreadPoolExecutor} and every
 * {@code Executors.new*} pool) and {@code ForkJoinPool}: each pool created is tracked weakly with its
 * creating site until it is shut down or collected. Whether it was shut down is polled, not woven.
 */
public final class ExecutorWeaving implements Weaving {

    @Override
    public ElementMatcher<? super TypeDescription> types() {
        return named("java.util.concurrent.ThreadPoolExecutor").or(named("java.util.concurrent.ForkJoinPool"));
    }

    @Override
    public AgentBuilder.Transformer transformer() {
        return Weaver.advice().advice(isConstructor(), CreatedAdvice.class.getName());
    }

    static final class CreatedAdvice {
        private CreatedAdvice() {
        }

        /** Exit only: {@code this} cannot be touched before the super constructor ran. */
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object executor) {
            ThreadHooks.executorCreated(executor);
        }
    }
}
