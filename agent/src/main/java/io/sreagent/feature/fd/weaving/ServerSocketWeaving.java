package io.sreagent.feature.fd.weaving;

import io.sreagent.weave.Weaver;
import io.sreagent.weave.Weaving;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code java.net.ServerSocket}: every constructor and {@code close()}; subclasses are left out by the
 * tracker.
 */
public final class ServerSocketWeaving implements Weaving {

    @Override
    public ElementMatcher<? super TypeDescription> types() {
        return named("java.net.ServerSocket");
    }

    @Override
    public AgentBuilder.Transformer transformer() {
        return Weaver.advice()
                .advice(isConstructor(), FdAdvice.Opened.class.getName())
                .advice(named("close").and(takesArguments(0)), FdAdvice.Closed.class.getName());
    }
}
