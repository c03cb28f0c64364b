package io.sreagent.weave;

import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * One woven target: which types (put a cheap name test first), and the transformer that adds the
 * advice (usually {@code new AgentBuilder.Transformer.ForAdvice().advice(methods, AdviceClass.class.getName())}).
 * Advice must be {@code suppress = Throwable.class}, short, and call only {@code io.sreagent.bootstrap}.
 */
public interface Weaving {

    /** How reports name this weaving ("okhttp", "acquire"): the class name without "Weaving", in lower case with dashes. */
    default String name() {
        String simple = getClass().getSimpleName().replace("Weaving", "");
        return simple.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    ElementMatcher<? super TypeDescription> types();

    AgentBuilder.Transformer transformer();
}
