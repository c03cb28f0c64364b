package io.sreagent.instrument.apachehttp;

import io.sreagent.bootstrap.ConnectionTimeouts;
import net.bytebuddy.asm.Advice;
import org.apache.hc.core5.http.io.HttpClientConnection;

/** Inlined into HttpCore 5's classic {@code HttpRequestExecutor.execute}: notes the connection's read time-out. */
public final class RequestExecutorAdvice {

    private RequestExecutorAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(1) HttpClientConnection connection) {
        ConnectionTimeouts.noteRead(connection.getSocketTimeout().toMilliseconds());
    }
}
