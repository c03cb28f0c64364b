package io.sreagent.instrument.httpserver;

import io.sreagent.instrument.Weaver;
import io.sreagent.instrument.Weaving;
import net.bytebuddy.agent.builder.AgentBuilder;
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
        return Weaver.advice().advice(named("doFilter").and(takesArguments(1)), JdkHttpServerAdvice.class.getName());
    }
}
