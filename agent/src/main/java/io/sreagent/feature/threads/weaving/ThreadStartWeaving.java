package io.sreagent.feature.threads.weaving;

import io.sreagent.bootstrap.ThreadHooks;
import io.sreagent.weave.Weaver;
import io.sreagent.weave.Weaving;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;

/**
 * {@code Thread.start} (and {@code VirtualThread.start} on JDK 21+, which overrides it): every thread the
 * JVM starts from Java code, the agent's own included (the handler leaves those out by name). The
 * {@code start(container)} variants are matched too so virtual threads started by executors are seen;
 * the hook's depth counter makes {@code start()} calling {@code start(container)} count once.
 */
public final class ThreadStartWeaving implements Weaving {

    @Override
    public ElementMatcher<? super TypeDescription> types() {
        return named("java.lang.Thread").or(named("java.lang.VirtualThread"));
    }

    @Override
    public AgentBuilder.Transformer transformer() {
        return Weaver.advice().advice(named("start").and(not(isStatic())), StartAdvice.class.getName());
    }

    static final class StartAdvice {
        private StartAdvice() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object thread) {
            ThreadHooks.threadStarting(thread);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit() {
            ThreadHooks.threadStarted();
        }
    }
}
