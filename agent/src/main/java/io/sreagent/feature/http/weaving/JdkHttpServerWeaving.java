package io.sreagent.feature.http.weaving;

import io.sreagent.bootstrap.HttpHooks;
import io.sreagent.weave.Weaver;
import io.sreagent.weave.Weaving;
import com.sun.net.httpserver.HttpExchange;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Inbound requests of the JDK's {@code com.sun.net.httpserver}: its server runs every exchange
 * through {@code Filter.Chain.doFilter(HttpExchange)} (system filters, user filters, then the
 * handler), so one final class covers handlers written as lambdas too. Nested chains count once.
 */
public final class JdkHttpServerWeaving implements Weaving {

    @Override
    public ElementMatcher<? super TypeDescription> types() {
        return named("com.sun.net.httpserver.Filter$Chain");
    }

    @Override
    public AgentBuilder.Transformer transformer() {
        return Weaver.advice().advice(named("doFilter").and(takesArguments(1)), ChainAdvice.class.getName());
    }

    /** Inlined into {@code com.sun.net.httpserver.Filter.Chain.doFilter}. */
    static final class ChainAdvice {

        private ChainAdvice() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return HttpHooks.inboundEnter();
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter long start, @Advice.Argument(0) HttpExchange exchange, @Advice.Thrown Throwable thrown) {
            long nanos = HttpHooks.inboundLeave(start);
            if (nanos >= 0) {
                // getResponseCode() is -1 when the handler never sent headers.
                HttpHooks.inboundRecord(nanos, "jdk-httpserver", exchange.getRequestMethod(),
                        exchange.getRequestURI().getRawPath(), null, exchange.getResponseCode(), thrown, false, true);
            }
        }
    }
}
