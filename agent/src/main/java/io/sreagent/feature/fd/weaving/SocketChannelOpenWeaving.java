package io.sreagent.feature.fd.weaving;

import io.sreagent.weave.Weaver;
import io.sreagent.weave.Weaving;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;

/**
 * {@code SocketChannel.open()} and its variants (the one taking an address delegates to {@code
 * open()}). Their close is {@link ChannelCloseWeaving}.
 */
public final class SocketChannelOpenWeaving implements Weaving {

    @Override
    public ElementMatcher<? super TypeDescription> types() {
        return named("java.nio.channels.SocketChannel");
    }

    @Override
    public AgentBuilder.Transformer transformer() {
        return Weaver.advice()
                .advice(named("open").and(isStatic()), FdAdvice.Factory.class.getName());
    }
}
