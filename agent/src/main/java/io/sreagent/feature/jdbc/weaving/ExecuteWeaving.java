package io.sreagent.feature.jdbc.weaving;

import io.sreagent.bootstrap.JdbcHooks;
import io.sreagent.bootstrap.RequestContext;
import io.sreagent.weave.Weaver;
import io.sreagent.weave.Weaving;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code Statement/PreparedStatement/CallableStatement.execute*}, batches included: the SQL is the
 * first argument of a plain statement's execute, or was remembered when the statement was prepared.
 * Only the public JDBC method names: drivers' internal execute helpers are not the application's calls.
 */
public final class ExecuteWeaving implements Weaving {
    private static final ElementMatcher.Junction<MethodDescription> EXECUTE = not(isAbstract()).and(isPublic())
            .and(namedOneOf("execute", "executeQuery", "executeUpdate", "executeLargeUpdate",
                    "executeBatch", "executeLargeBatch"));

    @Override
    public ElementMatcher<? super TypeDescription> types() {
        return JdbcTypes.implementing("java.sql.Statement");
    }

    @Override
    public AgentBuilder.Transformer transformer() {
        return Weaver.advice()
                .advice(EXECUTE.and(takesArgument(0, String.class)), ExecuteSqlAdvice.class.getName())
                .advice(EXECUTE.and(takesArguments(0)), ExecutePreparedAdvice.class.getName());
    }

    static final class ExecuteSqlAdvice {
        private ExecuteSqlAdvice() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static RequestContext enter() {
            return JdbcHooks.executeEnter();
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter RequestContext context, @Advice.This Object statement, @Advice.Argument(0) Object sql,
                         @Advice.Thrown Throwable error) {
            JdbcHooks.executeExit(context, statement, sql, error);
        }
    }

    static final class ExecutePreparedAdvice {
        private ExecutePreparedAdvice() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static RequestContext enter() {
            return JdbcHooks.executeEnter();
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter RequestContext context, @Advice.This Object statement, @Advice.Thrown Throwable error) {
            JdbcHooks.executeExit(context, statement, null, error);
        }
    }
}
