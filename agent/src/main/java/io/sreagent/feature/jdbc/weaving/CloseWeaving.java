package io.sreagent.feature.jdbc.weaving;

import io.sreagent.bootstrap.JdbcHooks;
import io.sreagent.bootstrap.RequestContext;
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

/** {@code Connection.close()}: for a pooled connection, the pool's proxy handing it back. */
public final class CloseWeaving implements Weaving {

    @Override
    public ElementMatcher<? super TypeDescription> types() {
        return JdbcTypes.implementing("java.sql.Connection");
    }

    @Override
    public AgentBuilder.Transformer transformer() {
        return Weaver.advice().advice(not(isAbstract()).and(named("close")).and(takesArguments(0)),
                CloseAdvice.class.getName());
    }

    static final class CloseAdvice {
        private CloseAdvice() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static RequestContext enter() {
            return JdbcHooks.closeEnter();
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter RequestContext context, @Advice.This Object connection) {
            JdbcHooks.closeExit(context, connection);
        }
    }
}
