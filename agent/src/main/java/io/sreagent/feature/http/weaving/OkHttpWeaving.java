package io.sreagent.feature.http.weaving;

import io.sreagent.bootstrap.HttpHooks;
import io.sreagent.weave.Weaver;
import io.sreagent.weave.Weaving;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Outbound calls of OkHttp: {@code RealCall.getResponseWithInterceptorChain}, which both
 * {@code execute()} (on the caller's thread) and {@code enqueue()} (on the dispatcher's thread) run.
 * The class is {@code okhttp3.internal.connection.RealCall} in 4.x and {@code okhttp3.RealCall} in
 * 3.x; 4.x compiles the method from Kotlin {@code internal}, which mangles its name with a suffix.
 */
public final class OkHttpWeaving implements Weaving {

    @Override
    public String name() {
        return "okhttp";
    }

    @Override
    public ElementMatcher<? super TypeDescription> types() {
        return namedOneOf("okhttp3.internal.connection.RealCall", "okhttp3.RealCall");
    }

    @Override
    public AgentBuilder.Transformer transformer() {
        return Weaver.advice().advice(nameStartsWith("getResponseWithInterceptorChain").and(takesArguments(0)),
                CallAdvice.class.getName());
    }

    /**
     * Inlined into OkHttp's {@code RealCall.getResponseWithInterceptorChain}: a whole call (interceptors,
     * retries, redirects) up to the response head, on the thread that runs it. Uses only API that OkHttp
     * 3.12+ and 4.x share.
     */
    static final class CallAdvice {

        private CallAdvice() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return HttpHooks.outboundEnter();
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter long start, @Advice.FieldValue("client") OkHttpClient client,
                         @Advice.FieldValue("originalRequest") Request request, @Advice.Return Response response,
                         @Advice.Thrown Throwable thrown) {
            long nanos = HttpHooks.outboundLeave(start);
            if (nanos >= 0) {
                HttpUrl url = request.url();
                // 0 means no limit; connect and read default to 10 s, and a call time-out bounds both.
                boolean callTimeout = client.callTimeoutMillis() > 0;
                HttpHooks.outboundRecord(nanos, "okhttp", request.method(), url.scheme(), url.host(), url.port(),
                        response != null ? response.code() : -1, thrown,
                        callTimeout || client.connectTimeoutMillis() > 0, callTimeout || client.readTimeoutMillis() > 0);
            }
        }
    }
}
