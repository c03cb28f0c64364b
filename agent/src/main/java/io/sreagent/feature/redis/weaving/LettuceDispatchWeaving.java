package io.sreagent.feature.redis.weaving;

import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.RedisCommand;
import io.sreagent.bootstrap.RedisHooks;
import io.sreagent.weave.Weaver;
import io.sreagent.weave.Weaving;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Lettuce 6.x: {@code AbstractRedisAsyncCommands.dispatch(RedisCommand)}, where every command of the
 * async API, and of the sync API (a proxy that waits on the async one's future), is handed to the
 * connection. The command it returns is the future the caller waits on.
 */
public final class LettuceDispatchWeaving implements Weaving {

    @Override
    public ElementMatcher<? super TypeDescription> types() {
        return named("io.lettuce.core.AbstractRedisAsyncCommands");
    }

    @Override
    public AgentBuilder.Transformer transformer() {
        return Weaver.advice().advice(named("dispatch").and(takesArguments(1))
                .and(takesArgument(0, named("io.lettuce.core.protocol.RedisCommand"))), DispatchAdvice.class.getName());
    }

    static final class DispatchAdvice {
        private DispatchAdvice() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Argument(0) RedisCommand<?, ?, ?> command, @Advice.Return AsyncCommand<?, ?, ?> future) {
            RedisHooks.asyncDispatched("lettuce", command.getType().name(), future);
        }
    }
}
