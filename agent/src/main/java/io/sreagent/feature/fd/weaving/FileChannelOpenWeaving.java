package io.sreagent.feature.fd.weaving;

import io.sreagent.weave.Weaver;
import io.sreagent.weave.Weaving;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code FileChannel.open(path, options, attributes)}, which the varargs {@code open} delegates to.
 * Channels from a stream's {@code getChannel()} share the stream's descriptor and are not counted
 * again. Their close is {@link ChannelCloseWeaving}.
 */
public final class FileChannelOpenWeaving implements Weaving {

    @Override
    public ElementMatcher<? super TypeDescription> types() {
        return named("java.nio.channels.FileChannel");
    }

    @Override
    public AgentBuilder.Transformer transformer() {
        return Weaver.advice()
                .advice(named("open").and(isStatic()).and(takesArguments(3)), FdAdvice.FactoryWithPath.class.getName());
    }
}
