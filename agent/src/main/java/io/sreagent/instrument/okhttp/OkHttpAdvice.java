package io.sreagent.instrument.okhttp;

import io.sreagent.bootstrap.HttpHooks;
import net.bytebuddy.asm.Advice;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Inlined into OkHttp's {@code RealCall.getResponseWithInterceptorChain}: a whole call (interceptors,
 * retries, redirects) up to the response head, on the thread that runs it. Uses only API that OkHttp
 * 3.12+ and 4.x share.
 */
public final class OkHttpAdvice {

    private OkHttpAdvice() {
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
