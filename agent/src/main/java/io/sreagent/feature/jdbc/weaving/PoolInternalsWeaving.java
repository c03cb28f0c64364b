package io.sreagent.feature.jdbc.weaving;

import io.sreagent.bootstrap.JdbcHooks;
import io.sreagent.weave.Weaver;
import io.sreagent.weave.Weaving;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.named;

/**
 * Where known pools open their own physical connections. Those stay open for the pool's lifetime by
 * design, and the first ones are opened on the application's thread while the pool is built, so the
 * acquisitions inside are marked as the pool's and never tracked as the application's.
 */
public final class PoolInternalsWeaving implements Weaving {

    @Override
    public ElementMatcher<? super TypeDescription> types() {
        return named("com.zaxxer.hikari.pool.PoolBase")
                .or(named("org.apache.commons.dbcp2.PoolableConnectionFactory"))
                .or(named("org.apache.tomcat.jdbc.pool.PooledConnection"));
    }

    @Override
    public AgentBuilder.Transformer transformer() {
        return Weaver.advice().advice(named("newConnection").or(named("makeObject")).or(named("connectUsingDataSource"))
                        .or(named("connectUsingDriver")),
                PoolInternalAdvice.class.getName());
    }

    static final class PoolInternalAdvice {
        private PoolInternalAdvice() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter() {
            JdbcHooks.poolInternalEnter();
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit() {
            JdbcHooks.poolInternalExit();
        }
    }
}
