package io.sreagent.instrument.httpclient;

import io.sreagent.instrument.Weaver;
import io.sreagent.instrument.Weaving;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Outbound calls of {@code java.net.http.HttpClient}: the JDK's one implementation class, whose
 * public {@code send} blocks and whose public three-argument {@code sendAsync} every asynchronous
 * call goes through (the two-argument one delegates to it).
 */
public final class JdkHttpClientWeaving implements Weaving {

    @Override
    public ElementMatcher<? super TypeDescription> types() {
        return named("jdk.internal.net.http.HttpClientImpl");
    }

    @Override
    public AgentBuilder.Transformer transformer() {
        return Weaver.advice()
                .advice(named("send").and(isPublic()).and(takesArguments(2)), JdkHttpClientSendAdvice.class.getName())
                .advice(named("sendAsync").and(isPublic()).and(takesArguments(3)), JdkHttpClientSendAsyncAdvice.class.getName());
    }
}
