package io.sreagent.feature.http.weaving;

import io.sreagent.bootstrap.HttpHooks;
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
 * {@code HttpExchange.sendResponseHeaders(int, long)} of the JDK's {@code com.sun.net.httpserver} (its HTTP and
 * HTTPS exchanges): a handler answering 5xx by itself. Healthy answers cost one comparison of the code.
 */
public final class JdkHttpExchangeStatusWeaving implements Weaving {

    @Override
    public ElementMatcher<? super TypeDescription> types() {
        return named("sun.net.httpserver.HttpExchangeImpl").or(named("sun.net.httpserver.HttpsExchangeImpl"));
    }

    @Override
    public AgentBuilder.Transformer transformer() {
        return Weaver.advice().advice(named("sendResponseHeaders").and(takesArguments(2)).and(takesArgument(0, int.class)),
                SendAdvice.class.getName());
    }

    /** Inlined into the JDK exchanges' sendResponseHeaders. */
    static final class SendAdvice {
        private SendAdvice() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) int code, @Advice.Origin("#t") String exchangeClass) {
            if (code >= 500) {
                HttpHooks.inboundStatusSet(code, exchangeClass);
            }
        }
    }
}
