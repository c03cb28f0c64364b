package io.sreagent.instrument.apachehttp;

import io.sreagent.instrument.Weaver;
import io.sreagent.instrument.Weaving;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Outbound calls of Apache HttpClient 5 classic: the two implementations of
 * {@code CloseableHttpClient.doExecute(HttpHost, ClassicHttpRequest, HttpContext)} that the builders
 * create ({@code HttpClients.custom()/createDefault()} and {@code createMinimal()}). Timed up to the
 * response head: reading the body afterwards is the caller's time. The async client is not covered.
 */
public final class ApacheHttpClientWeaving implements Weaving {

    @Override
    public ElementMatcher<? super TypeDescription> types() {
        return namedOneOf("org.apache.hc.client5.http.impl.classic.InternalHttpClient",
                "org.apache.hc.client5.http.impl.classic.MinimalHttpClient");
    }

    @Override
    public AgentBuilder.Transformer transformer() {
        return Weaver.advice().advice(named("doExecute").and(not(isAbstract())).and(takesArguments(3))
                        .and(takesArgument(0, named("org.apache.hc.core5.http.HttpHost")))
                        .and(takesArgument(1, named("org.apache.hc.core5.http.ClassicHttpRequest"))),
                ApacheHttpClientAdvice.class.getName());
    }
}
