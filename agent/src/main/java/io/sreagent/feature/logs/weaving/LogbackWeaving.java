package io.sreagent.feature.logs.weaving;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import io.sreagent.bootstrap.LogHooks;
import io.sreagent.weave.Weaver;
import io.sreagent.weave.Weaving;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Logback's {@code ch.qos.logback.classic.Logger.callAppenders(ILoggingEvent)}: every event that passed
 * the logger's level and turbo filters goes through it once (the SLF4J calls, the fluent API and
 * {@code log(LoggingEvent)} alike), so a disabled DEBUG call never reaches the advice.
 */
public final class LogbackWeaving implements Weaving {

    @Override
    public ElementMatcher<? super TypeDescription> types() {
        return named("ch.qos.logback.classic.Logger");
    }

    @Override
    public AgentBuilder.Transformer transformer() {
        return Weaver.advice().advice(named("callAppenders").and(takesArguments(1)), CallAppendersAdvice.class.getName());
    }

    static final class CallAppendersAdvice {
        private CallAppendersAdvice() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static boolean enter(@Advice.Argument(0) ILoggingEvent event) {
            if (event.getLevel().toInt() < Level.ERROR_INT) {
                return false;
            }
            IThrowableProxy proxy = event.getThrowableProxy();
            // A proxy rebuilt from a remote event has no throwable to take a site from.
            if (!(proxy instanceof ThrowableProxy)) {
                return false;
            }
            return LogHooks.enter("logback", event.getLoggerName(), event.getMessage(), ((ThrowableProxy) proxy).getThrowable());
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter boolean entered) {
            if (entered) {
                LogHooks.exit();
            }
        }
    }
}
