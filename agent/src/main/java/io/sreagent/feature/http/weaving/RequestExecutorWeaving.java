package io.sreagent.feature.http.weaving;

import io.sreagent.bootstrap.ConnectionTimeouts;
import io.sreagent.weave.Weaver;
import io.sreagent.weave.Weaving;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.apache.hc.core5.http.io.HttpClientConnection;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Where Apache HttpClient 5 classic sends a request on a connection ({@code HttpRequestExecutor.execute}
 * of HttpCore 5): the socket's time-out there is the read time-out in force, whether it came from the
 * request's or the client's {@code RequestConfig} (response time-out), the context, or the connection
 * manager's {@code ConnectionConfig}/{@code SocketConfig}. {@link ApacheHttpClientWeaving} reads it when the call ends.
 */
public final class RequestExecutorWeaving implements Weaving {

    @Override
    public ElementMatcher<? super TypeDescription> types() {
        return named("org.apache.hc.core5.http.impl.io.HttpRequestExecutor");
    }

    @Override
    public AgentBuilder.Transformer transformer() {
        // The four-argument overload; the three-argument one delegates to it.
        return Weaver.advice().advice(named("execute").and(takesArguments(4))
                        .and(takesArgument(1, named("org.apache.hc.core5.http.io.HttpClientConnection"))),
                ExecuteAdvice.class.getName());
    }

    /** Inlined into HttpCore 5's classic {@code HttpRequestExecutor.execute}: notes the connection's read time-out. */
    static final class ExecuteAdvice {

        private ExecuteAdvice() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(1) HttpClientConnection connection) {
            ConnectionTimeouts.noteRead(connection.getSocketTimeout().toMilliseconds());
        }
    }
}
