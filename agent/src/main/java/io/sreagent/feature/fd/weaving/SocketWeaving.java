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
 * {@code java.net.Socket}: every constructor (the connecting ones delegate to a private one) and
 * {@code close()}. Subclasses (SSL sockets, a channel's socket adaptor) close their own way and are
 * left out by the tracker.
 */
public final class SocketWeaving implements Weaving {

    @Override
    public ElementMatcher<? super TypeDescription> types() {
        return named("java.net.Socket");
    }

    @Override
    public AgentBuilder.Transformer transformer() {
        return Weaver.advice()
                .advice(isConstructor(), FdAdvice.Opened.class.getName())
                .advice(named("close").and(takesArguments(0)), FdAdvice.Closed.class.getName());
    }
}
