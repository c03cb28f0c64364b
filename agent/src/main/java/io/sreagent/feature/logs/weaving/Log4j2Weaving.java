package io.sreagent.feature.logs.weaving;

import io.sreagent.bootstrap.LogHooks;
import io.sreagent.weave.Weaver;
import io.sreagent.weave.Weaving;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.message.Message;
import org.apache.logging.log4j.spi.AbstractLogger;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Log4j 2's core {@code Logger} (and {@code AsyncLogger}, which overrides the same two methods): the API's
 * {@code AbstractLogger} checks the level, builds the {@code Message}, then calls either
 * {@code logMessage(fqcn, level, marker, message, throwable)} or the location-aware
 * {@code log(level, marker, fqcn, location, message, throwable)}. Whichever one an event takes, the
 * thread's nesting in {@code LogHooks} counts it once.
 */
public final class Log4j2Weaving implements Weaving {
    /** {@code StandardLevel.ERROR}: smaller is more severe. */
    static final int ERROR_INT_LEVEL = 200;

    @Override
    public ElementMatcher<? super TypeDescription> types() {
        return named("org.apache.logging.log4j.core.Logger").or(named("org.apache.logging.log4j.core.async.AsyncLogger"));
    }

    @Override
    public AgentBuilder.Transformer transformer() {
        return Weaver.advice()
                .advice(named("logMessage").and(takesArguments(5)).and(takesArgument(1, named("org.apache.logging.log4j.Level"))),
                        LogMessageAdvice.class.getName())
                .advice(named("log").and(takesArguments(6)).and(takesArgument(0, named("org.apache.logging.log4j.Level")))
                                .and(takesArgument(5, Throwable.class)),
                        LocatedLogAdvice.class.getName());
    }

    static final class LogMessageAdvice {
        private LogMessageAdvice() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static boolean enter(@Advice.Argument(1) Level level, @Advice.Argument(4) Throwable thrown,
                             @Advice.This AbstractLogger logger, @Advice.Argument(3) Message message) {
            if (level == null || level.intLevel() > ERROR_INT_LEVEL || thrown == null) {
                return false;
            }
            return LogHooks.enter("log4j2", logger.getName(), message == null ? null : message.getFormat(), thrown);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter boolean entered) {
            if (entered) {
                LogHooks.exit();
            }
        }
    }

    static final class LocatedLogAdvice {
        private LocatedLogAdvice() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static boolean enter(@Advice.Argument(0) Level level, @Advice.Argument(5) Throwable thrown,
                             @Advice.This AbstractLogger logger, @Advice.Argument(4) Message message) {
            if (level == null || level.intLevel() > ERROR_INT_LEVEL || thrown == null) {
                return false;
            }
            return LogHooks.enter("log4j2", logger.getName(), message == null ? null : message.getFormat(), thrown);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter boolean entered) {
            if (entered) {
                LogHooks.exit();
            }
        }
    }
}
