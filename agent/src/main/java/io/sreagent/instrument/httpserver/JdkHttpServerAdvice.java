package io.sreagent.instrument.httpserver;

import com.sun.net.httpserver.HttpExchange;
import io.sreagent.bootstrap.HttpHooks;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code com.sun.net.httpserver.Filter.Chain.doFilter}; see {@link JdkHttpServerWeaving}. */
public final class JdkHttpServerAdvice {

    private JdkHttpServerAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter() {
        return HttpHooks.inboundEnter();
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    static void exit(@Advice.Enter long start, @Advice.Argument(0) HttpExchange exchange, @Advice.Thrown Throwable thrown) {
        long nanos = HttpHooks.inboundLeave(start);
        if (nanos >= 0) {
            // getResponseCode() is -1 when the handler never sent headers.
            HttpHooks.inboundRecord(nanos, "jdk-httpserver", exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(), null, exchange.getResponseCode(), thrown, false, true);
        }
    }
}
