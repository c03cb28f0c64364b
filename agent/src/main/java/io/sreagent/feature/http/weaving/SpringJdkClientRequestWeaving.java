package io.sreagent.feature.http.weaving;

import io.sreagent.bootstrap.ConnectionTimeouts;
import io.sreagent.weave.Weaver;
import io.sreagent.weave.Weaving;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.time.Duration;

import static net.bytebuddy.matcher.ElementMatchers.named;

/**
 * Spring's {@code JdkClientHttpRequest} (the {@code RestClient}/{@code RestTemplate} default on the JDK's
 * client since Spring 6.1) applies its read time-out to the future of {@code HttpClient.sendAsync} with
 * its own handler, never as {@code HttpRequest.timeout(...)}: without this, every such call would look
 * as made without a read time-out. The time-out is noted on the thread for the JDK client's advice,
 * which runs inside this method, and forgotten when it returns.
 */
public final class SpringJdkClientRequestWeaving implements Weaving {

    @Override
    public ElementMatcher<? super TypeDescription> types() {
        return named("org.springframework.http.client.JdkClientHttpRequest");
    }

    @Override
    public AgentBuilder.Transformer transformer() {
        return Weaver.advice().advice(named("executeInternal"), ExecuteAdvice.class.getName());
    }

    static final class ExecuteAdvice {
        private ExecuteAdvice() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.FieldValue("timeout") Duration timeout) {
            ConnectionTimeouts.noteRead(timeout == null ? 0 : timeout.toMillis());
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit() {
            ConnectionTimeouts.takeNotedSet(); // not left for a later call on this thread
        }
    }
}
