package io.sreagent.instrument.okhttp;

import io.sreagent.instrument.Weaver;
import io.sreagent.instrument.Weaving;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Outbound calls of OkHttp: {@code RealCall.getResponseWithInterceptorChain}, which both
 * {@code execute()} (on the caller's thread) and {@code enqueue()} (on the dispatcher's thread) run.
 * The class is {@code okhttp3.internal.connection.RealCall} in 4.x and {@code okhttp3.RealCall} in
 * 3.x; 4.x compiles the method from Kotlin {@code internal}, which mangles its name with a suffix.
 */
public final class OkHttpWeaving implements Weaving {

    @Override
    public ElementMatcher<? super TypeDescription> types() {
        return namedOneOf("okhttp3.internal.connection.RealCall", "okhttp3.RealCall");
    }

    @Override
    public AgentBuilder.Transformer transformer() {
        return Weaver.advice().advice(nameStartsWith("getResponseWithInterceptorChain").and(takesArguments(0)),
                OkHttpAdvice.class.getName());
    }
}
