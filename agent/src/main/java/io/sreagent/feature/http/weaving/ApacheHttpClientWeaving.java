package io.sreagent.feature.http.weaving;

import io.sreagent.bootstrap.ConnectionTimeouts;
import io.sreagent.bootstrap.HttpHooks;
import io.sreagent.weave.Weaver;
import io.sreagent.weave.Weaving;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.net.URIAuthority;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Outbound calls of Apache HttpClient 5 classic: the two implementations of
 * {@code CloseableHttpClient.doExecute(HttpHost, ClassicHttpRequest, HttpContext)} that the builders
 * create ({@code HttpClients.custom()/createDefault()} and {@code createMinimal()}). Timed up to the
 * response head: reading the body afterwards is the caller's time. The async client is not covered.
 */
public final class ApacheHttpClientWeaving implements Weaving {

    @Override
    public ElementMatcher<? super TypeDescription> types() {
        return namedOneOf("org.apache.hc.client5.http.impl.classic.InternalHttpClient",
                "org.apache.hc.client5.http.impl.classic.MinimalHttpClient");
    }

    @Override
    public AgentBuilder.Transformer transformer() {
        return Weaver.advice().advice(named("doExecute").and(not(isAbstract())).and(takesArguments(3))
                        .and(takesArgument(0, named("org.apache.hc.core5.http.HttpHost")))
                        .and(takesArgument(1, named("org.apache.hc.core5.http.ClassicHttpRequest"))),
                DoExecuteAdvice.class.getName());
    }

    /**
     * Inlined into {@code doExecute} of Apache HttpClient 5's classic clients: every {@code execute}
     * overload ends there, redirects and retries included, so one application call is one record.
     * Uses only API that every 5.x release has.
     */
    static final class DoExecuteAdvice {

        private DoExecuteAdvice() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter() {
            return HttpHooks.outboundEnter();
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter long start, @Advice.Argument(0) HttpHost target,
                         @Advice.Argument(1) ClassicHttpRequest request, @Advice.Return CloseableHttpResponse response,
                         @Advice.Thrown Throwable thrown) {
            long nanos = HttpHooks.outboundLeave(start);
            if (nanos >= 0) {
                // Without a target the request's own URI names the host (5.2+ resolves it inside doExecute).
                URIAuthority authority = target == null ? request.getAuthority() : null;
                // Connect is always bounded (3 min unless changed); the read time-out is what the socket had.
                HttpHooks.outboundRecord(nanos, "apache-httpclient5", request.getMethod(),
                        target != null ? target.getSchemeName() : request.getScheme(),
                        target != null ? target.getHostName() : authority == null ? null : authority.getHostName(),
                        target != null ? target.getPort() : authority == null ? -1 : authority.getPort(),
                        response != null ? response.getCode() : -1, thrown, true, ConnectionTimeouts.takeReadSet());
            }
        }
    }
}
