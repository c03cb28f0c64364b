package io.sreagent.feature.http.weaving;

import io.sreagent.bootstrap.HttpHooks;
import io.sreagent.weave.Weaver;
import io.sreagent.weave.Weaving;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.net.HttpURLConnection;
import java.net.URL;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Outbound calls of {@code HttpURLConnection} (HTTPS delegates to the same class): timed in
 * {@code getInputStream()}, where the request is sent and the response read ({@code getResponseCode}
 * calls it too). Time in an explicit earlier {@code connect()} or {@code getOutputStream()} is not included.
 */
public final class HttpUrlConnectionWeaving implements Weaving {

    @Override
    public ElementMatcher<? super TypeDescription> types() {
        return named("sun.net.www.protocol.http.HttpURLConnection");
    }

    @Override
    public AgentBuilder.Transformer transformer() {
        return Weaver.advice().advice(named("getInputStream").and(isPublic()).and(takesArguments(0)),
                GetInputStreamAdvice.class.getName());
    }

    /** Inlined into {@code sun.net.www.protocol.http.HttpURLConnection.getInputStream}. */
    static final class GetInputStreamAdvice {

        private GetInputStreamAdvice() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter(@Advice.FieldValue("responseCode") int code,
                          @Advice.FieldValue("rememberedException") Exception failed,
                          @Advice.Local("answered") boolean answered) {
            // getInputStream() is called again for a response already read, or to rethrow the failure of a
            // call already made (getResponseCode() then getHeaderField(0) do both): that is not another call.
            answered = code != -1 || failed != null;
            return HttpHooks.outboundEnter();
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter long start, @Advice.Local("answered") boolean answered,
                         @Advice.This HttpURLConnection connection, @Advice.FieldValue("responseCode") int code,
                         @Advice.Thrown Throwable thrown) {
            long nanos = HttpHooks.outboundLeave(start);
            if (nanos >= 0 && !answered) {
                URL url = connection.getURL();
                // A 4xx/5xx answer throws from getInputStream(): that is a status, not an I/O error.
                HttpHooks.outboundRecord(nanos, "HttpURLConnection", connection.getRequestMethod(), url.getProtocol(),
                        url.getHost(), url.getPort(), code, code > 0 ? null : thrown,
                        connection.getConnectTimeout() > 0, connection.getReadTimeout() > 0);
            }
        }
    }
}
