package io.sreagent.feature.fd.weaving;

import io.sreagent.weave.Weaver;
import io.sreagent.weave.Weaving;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code RandomAccessFile}: its constructors that open a file (first argument a {@code File}) and
 * {@code close()}.
 */
public final class RandomAccessFileWeaving implements Weaving {

    @Override
    public ElementMatcher<? super TypeDescription> types() {
        return named("java.io.RandomAccessFile");
    }

    @Override
    public AgentBuilder.Transformer transformer() {
        return Weaver.advice()
                .advice(isConstructor().and(takesArgument(0, java.io.File.class)), FdAdvice.OpenedWithPath.class.getName())
                .advice(named("close").and(takesArguments(0)), FdAdvice.Closed.class.getName());
    }
}
