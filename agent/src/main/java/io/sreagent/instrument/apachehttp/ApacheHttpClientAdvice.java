package io.sreagent.instrument.apachehttp;

import io.sreagent.bootstrap.ConnectionTimeouts;
import io.sreagent.bootstrap.HttpHooks;
import net.bytebuddy.asm.Advice;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.net.URIAuthority;

/**
 * Inlined into {@code doExecute} of Apache HttpClient 5's classic clients: every {@code execute}
 * overload ends there, redirects and retries included, so one application call is one record.
 * Uses only API that every 5.x release has.
 */
public final class ApacheHttpClientAdvice {

    private ApacheHttpClientAdvice() {
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
