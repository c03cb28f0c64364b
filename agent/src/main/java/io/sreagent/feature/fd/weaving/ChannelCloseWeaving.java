package io.sreagent.feature.fd.weaving;

import io.sreagent.weave.Weaver;
import io.sreagent.weave.Weaving;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code AbstractInterruptibleChannel.close()}, final, through which every channel is closed: file and
 * socket channels alike.
 */
public final class ChannelCloseWeaving implements Weaving {

    @Override
    public ElementMatcher<? super TypeDescription> types() {
        return named("java.nio.channels.spi.AbstractInterruptibleChannel");
    }

    @Override
    public AgentBuilder.Transformer transformer() {
        return Weaver.advice()
                .advice(named("close").and(takesArguments(0)), FdAdvice.Closed.class.getName());
    }
}
