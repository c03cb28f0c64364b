package io.sreagent.feature.jdbc.weaving;

import io.sreagent.bootstrap.JdbcHooks;
import io.sreagent.bootstrap.RequestContext;
import io.sreagent.weave.Weaver;
import io.sreagent.weave.Weaving;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.lang.reflect.Method;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperClass;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Tomcat JDBC hands the application a JDK proxy ({@code jdk.proxy*.$Proxy}, which no weaving sees) whose
 * calls go through its interceptors' {@code invoke(proxy, method, args)}: {@code close()} on the proxy is
 * seen there, on the object the application was given, so the connection is not mistaken for one
 * garbage-collected without close(). Other calls only pay a name comparison.
 */
public final class TomcatProxyCloseWeaving implements Weaving {

    @Override
    public ElementMatcher<? super TypeDescription> types() {
        return nameStartsWith("org.apache.tomcat.jdbc.pool.")
                .and(hasSuperClass(named("org.apache.tomcat.jdbc.pool.JdbcInterceptor")));
    }

    @Override
    public AgentBuilder.Transformer transformer() {
        return Weaver.advice().advice(not(isAbstract()).and(named("invoke")).and(takesArguments(3)),
                InvokeAdvice.class.getName());
    }

    static final class InvokeAdvice {
        private InvokeAdvice() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static RequestContext enter(@Advice.Argument(1) Method method, @Advice.Argument(2) Object[] args) {
            return "close".equals(method.getName()) && (args == null || args.length == 0) ? JdbcHooks.closeEnter() : null;
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter RequestContext context, @Advice.Argument(0) Object proxy) {
            JdbcHooks.closeExit(context, proxy);
        }
    }
}
