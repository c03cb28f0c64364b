package io.sreagent.feature.http.weaving;

import io.sreagent.bootstrap.ConnectionTimeouts;
import io.sreagent.bootstrap.HttpHooks;
import io.sreagent.weave.Weaver;
import io.sreagent.weave.Weaving;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Outbound calls of {@code java.net.http.HttpClient}: the JDK's one implementation class, whose
 * public {@code send} blocks and whose public three-argument {@code sendAsync} every asynchronous
 * call goes through (the two-argument one delegates to it).
 */
public final class JdkHttpClientWeaving implements Weaving {

    @Override
    public ElementMatcher<? super TypeDescription> types() {
        return named("jdk.internal.net.http.HttpClientImpl");
    }

    @Override
    public AgentBuilder.Transformer transformer() {
        return Weaver.advice()
                .advice(named("send").and(isPublic()).and(takesArguments(2)), SendAdvice.class.getName())
                .advice(named("sendAsync").and(isPublic()).and(takesArguments(3)), SendAsyncAdvice.class.getName());
    }

    /** Inlined into {@code HttpClientImpl.send}: a blocking call on the caller's thread. */
    static final class SendAdvice {

        private SendAdvice() {
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
                        thrown, client.connectTimeout().isPresent(),
                        request.timeout().isPresent() || ConnectionTimeouts.takeNotedSet());
            }
        }
    }

    /** Inlined into {@code HttpClientImpl.sendAsync}: the call is timed until its future completes. */
    static final class SendAsyncAdvice {

        private SendAsyncAdvice() {
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
                        uri.getPort(), future, client.connectTimeout().isPresent(),
                        request.timeout().isPresent() || ConnectionTimeouts.takeNotedSet());
            }
        }
    }
}
