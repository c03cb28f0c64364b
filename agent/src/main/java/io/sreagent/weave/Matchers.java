package io.sreagent.weave;

import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.none;
import static net.bytebuddy.matcher.ElementMatchers.not;

/** Type matchers the weavings share: a cheap name test first, the super-type walk (memoised) after. */
public final class Matchers {
    /** The JDK's own packages. */
    public static final List<String> JDK = List.of("java.", "jdk.", "sun.", "com.sun.");

    private Matchers() {
    }

    /** Types whose name starts with none of {@code prefixes}. */
    public static ElementMatcher.Junction<TypeDescription> outside(List<String> prefixes) {
        ElementMatcher.Junction<TypeDescription> any = none();
        for (String p : prefixes) {
            any = any.or(nameStartsWith(p));
        }
        return not(any);
    }

    /** Classes, abstract ones included, that have one of these super types (walked once per type and loader: {@link SuperTypes}). */
    public static ElementMatcher.Junction<TypeDescription> classesExtending(String... superTypes) {
        return not(isInterface()).and(SuperTypes.named(superTypes));
    }
}
