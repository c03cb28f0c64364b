package io.sreagent.feature.redis.weaving;

import io.sreagent.bootstrap.RedisHooks;
import io.sreagent.weave.Weaver;
import io.sreagent.weave.Weaving;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.commands.ProtocolCommand;

import java.nio.charset.StandardCharsets;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Jedis 4.x/5.x: {@code Connection.executeCommand(CommandObject)}, which every command of
 * {@code Jedis}, {@code JedisPooled} and the cluster client ends in (send, then read the reply on the
 * calling thread). Pipelines and transactions queue their commands elsewhere and are not timed.
 */
public final class JedisConnectionWeaving implements Weaving {

    @Override
    public ElementMatcher<? super TypeDescription> types() {
        return named("redis.clients.jedis.Connection");
    }

    @Override
    public AgentBuilder.Transformer transformer() {
        return Weaver.advice().advice(named("executeCommand").and(takesArguments(1))
                .and(takesArgument(0, named("redis.clients.jedis.CommandObject"))), CommandAdvice.class.getName());
    }

    static final class CommandAdvice {
        private CommandAdvice() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return RedisHooks.blockingEnter();
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter long start, @Advice.Argument(0) CommandObject<?> command,
                         @Advice.Thrown Throwable thrown) {
            if (start >= 0) {
                ProtocolCommand c = command.getArguments().getCommand();
                // The core commands are one enum, named as Redis names them; module commands carry their own bytes.
                RedisHooks.blockingExit(start, "jedis", c instanceof Protocol.Command p ? p.name()
                        : new String(c.getRaw(), StandardCharsets.US_ASCII), thrown);
            }
        }
    }
}
