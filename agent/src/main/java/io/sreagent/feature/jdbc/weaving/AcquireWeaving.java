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
import static net.bytebuddy.matcher.ElementMatchers.returns;

/**
 * Connection acquisition: {@code DataSource.getConnection} (pools, drivers' data sources) and
 * {@code Driver.connect} (what {@code DriverManager.getConnection} ends in).
 */
public final class AcquireWeaving implements Weaving {

    @Override
    public ElementMatcher<? super TypeDescription> types() {
        return JdbcTypes.implementing("javax.sql.DataSource").or(JdbcTypes.implementing("java.sql.Driver"))
                // Tomcat JDBC's DataSource inherits getConnection from this class, which is no DataSource itself
                .or(named("org.apache.tomcat.jdbc.pool.DataSourceProxy"));
    }

    @Override
    public AgentBuilder.Transformer transformer() {
        return Weaver.advice().advice(
                not(isAbstract()).and(named("getConnection").or(named("connect")))
                        .and(returns(named("java.sql.Connection"))),
                AcquireAdvice.class.getName());
    }

    static final class AcquireAdvice {
        private AcquireAdvice() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static RequestContext enter() {
            return JdbcHooks.acquireEnter();
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter RequestContext context, @Advice.This Object source,
                         @Advice.Return Object connection, @Advice.Thrown Throwable error) {
            JdbcHooks.acquireExit(context, source, connection, error);
        }
    }
}
