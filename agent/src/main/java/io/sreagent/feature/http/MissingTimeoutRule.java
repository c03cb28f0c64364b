package io.sreagent.feature.http;

import io.sreagent.core.Rule;
import io.sreagent.report.Finding;
import io.sreagent.report.Severity;
import io.sreagent.report.Site;

import java.util.List;
import java.util.Locale;

/**
 * {@code missing-timeout}: outbound calls were made without a connect or a read/request time-out,
 * so one hung peer can hold a request thread forever and, with enough of them, the whole service.
 */
public final class MissingTimeoutRule implements Rule {
    private final HttpReceiver telemetry;

    public MissingTimeoutRule(HttpReceiver telemetry) {
        this.telemetry = telemetry;
    }

    @Override
    public void evaluate(long nowMillis, List<Finding> out) {
        for (ExternalStats e : telemetry.externals()) {
            long noConnect = e.withoutConnectTimeout();
            long noRead = e.withoutReadTimeout();
            if (noConnect == 0 && noRead == 0) {
                continue;
            }
            String missing = noConnect > 0 && noRead > 0 ? "connect and read/request" : noConnect > 0 ? "connect" : "read/request";
            Finding f = new Finding("missing-timeout", Severity.WARNING, String.format(Locale.ROOT,
                    "%d calls %s %s were made without a %s time-out (%s)", Math.max(noConnect, noRead), e.method(),
                    e.host(), missing, e.client()))
                    .subject(e.client() + " " + e.method() + " " + e.host())
                    .evidence("method", e.method())
                    .evidence("host", e.host())
                    .evidence("client", e.client())
                    .evidence("calls", e.count())
                    .evidence("withoutConnectTimeout", noConnect)
                    .evidence("withoutReadTimeout", noRead);
            Site site = e.topSiteWithoutTimeout();
            if (site != null) {
                f.site(site);
            }
            if ("java.net.http".equals(e.client())) {
                f.advice("Set HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)) on the client and "
                        + "HttpRequest.newBuilder().timeout(Duration.ofSeconds(5)) on every request"
                        + (site == null ? "" : " (built at " + site + ")") + ".");
            } else if ("HttpURLConnection".equals(e.client())) {
                f.advice("Call setConnectTimeout(2000) and setReadTimeout(5000) on the connection"
                        + (site == null ? "" : " opened at " + site) + "; 0 means wait forever.");
            } else if ("apache-httpclient5".equals(e.client())) {
                f.advice("A read time-out of 0 was in force" + (site == null ? "" : " for the call at " + site)
                        + ": set RequestConfig.custom().setResponseTimeout(Timeout.ofSeconds(5)) as the client's "
                        + "default request config, or ConnectionConfig.custom().setSocketTimeout(...) on the "
                        + "connection manager, and look for a setResponseTimeout/setSoTimeout of 0.");
            } else if ("okhttp".equals(e.client())) {
                f.advice("The OkHttpClient" + (site == null ? "" : " used at " + site) + " was built with a 0 (infinite) "
                        + "time-out: keep connectTimeout/readTimeout above 0 (the default is 10 s) or set callTimeout.");
                if (site == null) {
                    f.advice("Calls made with enqueue() run on OkHttp's dispatcher thread, which has no application "
                            + "frame, so no call site can be named: look for where an OkHttpClient is built with a "
                            + "0 time-out.");
                }
            } else {
                f.advice("Configure a connect time-out of about 2 s and a read/request time-out of at most 5 s on this client.");
            }
            f.advice("Keep the time-out below the caller's own deadline, and add a circuit breaker so a hung peer "
                    + "is skipped instead of waited on.");
            out.add(f);
        }
    }
}
