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
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;

/**
 * {@code Connection.prepareStatement/prepareCall(sql, ...)}: a prepared statement's execute() has no
 * SQL argument, so the SQL is remembered here, per statement.
 */
public final class PrepareWeaving implements Weaving {

    @Override
    public ElementMatcher<? super TypeDescription> types() {
        return JdbcTypes.implementing("java.sql.Connection");
    }

    @Override
    public AgentBuilder.Transformer transformer() {
        return Weaver.advice().advice(
                not(isAbstract()).and(named("prepareStatement").or(named("prepareCall")))
                        .and(takesArgument(0, String.class)),
                PrepareAdvice.class.getName());
    }

    static final class PrepareAdvice {
        private PrepareAdvice() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static RequestContext enter() {
            return JdbcHooks.prepareEnter();
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter RequestContext context, @Advice.Argument(0) Object sql, @Advice.Return Object statement) {
            JdbcHooks.prepareExit(context, statement, sql);
        }
    }
}
