package io.sreagent.instrument.urlconnection;

import io.sreagent.instrument.Weaver;
import io.sreagent.instrument.Weaving;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Outbound calls of {@code HttpURLConnection} (HTTPS delegates to the same class): timed in
 * {@code getInputStream()}, where the request is sent and the response read ({@code getResponseCode}
 * calls it too). Time in an explicit earlier {@code connect()} or {@code getOutputStream()} is not included.
 */
public final class HttpUrlConnectionWeaving implements Weaving {

    @Override
    public ElementMatcher<? super TypeDescription> types() {
        return named("sun.net.www.protocol.http.HttpURLConnection");
    }

    @Override
    public AgentBuilder.Transformer transformer() {
        return Weaver.advice().advice(named("getInputStream").and(isPublic()).and(takesArguments(0)),
                HttpUrlConnectionAdvice.class.getName());
    }
}
