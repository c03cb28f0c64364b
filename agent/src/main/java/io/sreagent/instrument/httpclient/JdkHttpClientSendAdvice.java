package io.sreagent.instrument.httpclient;

import io.sreagent.bootstrap.HttpHooks;
import net.bytebuddy.asm.Advice;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Inlined into {@code HttpClientImpl.send}: a blocking call on the caller's thread. */
public final class JdkHttpClientSendAdvice {

    private JdkHttpClientSendAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter() {
        return HttpHooks.outboundEnter();
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    static void exit(@Advice.Enter long start, @Advice.This HttpClient client, @Advice.Argument(0) HttpRequest request,
                     @Advice.Return(typing = net.bytebuddy.implementation.bytecode.assign.Assigner.Typing.DYNAMIC) Object response,
                     @Advice.Thrown Throwable thrown) {
        long nanos = HttpHooks.outboundLeave(start);
        if (nanos >= 0) {
            URI uri = request.uri();
            // The request time-out bounds the wait for the response; the connect time-out only the connect.
            HttpHooks.outboundRecord(nanos, "java.net.http", request.method(), uri.getScheme(), uri.getHost(),
                    uri.getPort(), response instanceof HttpResponse ? ((HttpResponse<?>) response).statusCode() : -1,
                    thrown, client.connectTimeout().isPresent(), request.timeout().isPresent());
        }
    }
}
