package io.sreagent.feature.listeners.weaving;

import io.sreagent.bootstrap.ListenerHooks;
import io.sreagent.weave.Weaver;
import io.sreagent.weave.Weaving;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.util.Set;
import java.util.function.Predicate;

import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.hasParameters;
import static net.bytebuddy.matcher.ElementMatchers.hasType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isNative;
import static net.bytebuddy.matcher.ElementMatchers.nameEndsWith;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;
import static net.bytebuddy.matcher.ElementMatchers.whereAny;

/**
 * Listener registration and removal: {@code add*Listener}/{@code remove*Listener},
 * {@code addObserver}/{@code deleteObserver}, and {@code register}/{@code unregister} taking a
 * {@code *Listener}-typed argument. Woven only into application classes (a name test, then only
 * classes that declare such a method are rewritten) and the JDK's listener holders, never into the
 * whole JDK or the libraries.
 */
public final class ListenerWeaving implements Weaving {
    /** JDK classes whose whole purpose is holding listeners. */
    static final Set<String> JDK_HOLDERS = Set.of(
            "java.beans.PropertyChangeSupport", "java.beans.VetoableChangeSupport", "java.util.Observable");

    private final Predicate<String> isApplicationClass;

    public ListenerWeaving(Predicate<String> isApplicationClass) {
        this.isApplicationClass = isApplicationClass;
    }

    @Override
    public ElementMatcher<? super TypeDescription> types() {
        ElementMatcher.Junction<TypeDescription> byName = new ElementMatcher.Junction.AbstractBase<>() {
            @Override
            public boolean matches(TypeDescription type) {
                String name = type.getName();
                return JDK_HOLDERS.contains(name) || isApplicationClass.test(name);
            }
        };
        return byName.and(declaresMethod(adds().or(removes())));
    }

    @Override
    public AgentBuilder.Transformer transformer() {
        return Weaver.advice()
                .advice(adds(), AddAdvice.class.getName())
                .advice(removes(), RemoveAdvice.class.getName());
    }

    static ElementMatcher.Junction<MethodDescription> adds() {
        // Names first: every method of every application class is tested, and a name is the cheapest look.
        return nameStartsWith("add").and(nameEndsWith("Listener"))
                .or(named("addObserver"))
                .or(named("register").and(listenerTyped()))
                .and(concrete());
    }

    static ElementMatcher.Junction<MethodDescription> removes() {
        return nameStartsWith("remove").and(nameEndsWith("Listener"))
                .or(named("deleteObserver"))
                .or(named("unregister").and(listenerTyped()))
                .and(concrete());
    }

    private static ElementMatcher.Junction<MethodDescription> concrete() {
        return not(isAbstract()).and(not(isNative())).and(not(takesArguments(0)));
    }

    private static ElementMatcher.Junction<MethodDescription> listenerTyped() {
        return hasParameters(whereAny(hasType(nameEndsWith("Listener"))));
    }

    static final class AddAdvice {
        private AddAdvice() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static boolean enter() {
            return ListenerHooks.enter();
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter boolean outermost, @Advice.This(optional = true) Object target,
                         @Advice.Origin Class<?> declaringType, @Advice.AllArguments Object[] arguments,
                         @Advice.Thrown Throwable thrown) {
            ListenerHooks.exit(outermost, true, target, declaringType, arguments, thrown);
        }
    }

    static final class RemoveAdvice {
        private RemoveAdvice() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static boolean enter() {
            return ListenerHooks.enter();
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter boolean outermost, @Advice.This(optional = true) Object target,
                         @Advice.Origin Class<?> declaringType, @Advice.AllArguments Object[] arguments,
                         @Advice.Thrown Throwable thrown) {
            ListenerHooks.exit(outermost, false, target, declaringType, arguments, thrown);
        }
    }
}
