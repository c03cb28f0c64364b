package io.sreagent.instrument.httpclient;

import io.sreagent.bootstrap.HttpHooks;
import net.bytebuddy.asm.Advice;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;

/** Inlined into {@code HttpClientImpl.sendAsync}: the call is timed until its future completes. */
public final class JdkHttpClientSendAsyncAdvice {

    private JdkHttpClientSendAsyncAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter() {
        return HttpHooks.outboundEnter();
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    static void exit(@Advice.Enter long start, @Advice.This HttpClient client, @Advice.Argument(0) HttpRequest request,
                     @Advice.Return(typing = net.bytebuddy.implementation.bytecode.assign.Assigner.Typing.DYNAMIC) Object future) {
        HttpHooks.outboundNestedExit();
        if (start != 0L) {
            URI uri = request.uri();
            HttpHooks.outboundAsyncStarted(start, "java.net.http", request.method(), uri.getScheme(), uri.getHost(),
                    uri.getPort(), future, client.connectTimeout().isPresent(), request.timeout().isPresent());
        }
    }
}
