package io.sreagent.instrument.urlconnection;

import io.sreagent.bootstrap.HttpHooks;
import net.bytebuddy.asm.Advice;

import java.net.HttpURLConnection;
import java.net.URL;

/** Inlined into {@code sun.net.www.protocol.http.HttpURLConnection.getInputStream}. */
public final class HttpUrlConnectionAdvice {

    private HttpUrlConnectionAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter(@Advice.FieldValue("responseCode") int code, @Advice.Local("answered") boolean answered) {
        // getInputStream() is called again for a response already read: that is not another call.
        answered = code != -1;
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
