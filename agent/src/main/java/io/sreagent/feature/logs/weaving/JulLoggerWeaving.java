package io.sreagent.feature.logs.weaving;

import io.sreagent.bootstrap.LogHooks;
import io.sreagent.weave.Weaver;
import io.sreagent.weave.Weaving;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code java.util.logging.Logger.log(LogRecord)}: every {@code severe}/{@code log}/{@code logp} call
 * that passes the logger's level test builds a record and ends here, so disabled FINE calls never
 * reach the advice; the advice tests the record's level before anything else.
 */
public final class JulLoggerWeaving implements Weaving {
    /** {@code Level.SEVERE.intValue()}. */
    static final int SEVERE = 1000;

    @Override
    public ElementMatcher<? super TypeDescription> types() {
        return named("java.util.logging.Logger");
    }

    @Override
    public AgentBuilder.Transformer transformer() {
        return Weaver.advice().advice(named("log").and(takesArguments(LogRecord.class)), LogRecordAdvice.class.getName());
    }

    static final class LogRecordAdvice {
        private LogRecordAdvice() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static boolean enter(@Advice.Argument(0) LogRecord record, @Advice.This Logger logger) {
            if (record == null || record.getLevel().intValue() < SEVERE || record.getThrown() == null
                    || !logger.isLoggable(record.getLevel())) {
                return false;
            }
            return LogHooks.enter("jul", record.getLoggerName(), record.getMessage(), record.getThrown());
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter boolean entered) {
            if (entered) {
                LogHooks.exit();
            }
        }
    }
}
