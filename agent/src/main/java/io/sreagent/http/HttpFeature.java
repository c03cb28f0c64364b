package io.sreagent.http;

import io.sreagent.config.Config;
import io.sreagent.config.Options;
import io.sreagent.diagnose.EndpointErrorsRule;
import io.sreagent.diagnose.ExternalErrorsRule;
import io.sreagent.diagnose.ExternalRateLimitedRule;
import io.sreagent.diagnose.MissingTimeoutRule;
import io.sreagent.diagnose.Rule;
import io.sreagent.diagnose.SlowEndpointRule;
import io.sreagent.diagnose.SlowExternalCallRule;
import io.sreagent.instrument.Weaving;
import io.sreagent.instrument.apachehttp.ApacheHttpClientWeaving;
import io.sreagent.instrument.apachehttp.RequestExecutorWeaving;
import io.sreagent.instrument.httpclient.JdkHttpClientWeaving;
import io.sreagent.instrument.httpserver.JdkHttpServerWeaving;
import io.sreagent.instrument.okhttp.OkHttpWeaving;
import io.sreagent.instrument.servlet.ServletWeaving;
import io.sreagent.instrument.urlconnection.HttpUrlConnectionWeaving;
import io.sreagent.runtime.AgentContext;
import io.sreagent.runtime.Feature;
import io.sreagent.telemetry.http.HttpTelemetry;

import java.util.List;
import java.util.Map;

/**
 * Inbound requests (servlet containers, the JDK's HTTP server) per route and outbound calls
 * (java.net.http, HttpURLConnection, Apache HttpClient 5 classic, OkHttp) per host, with each
 * request's time split into database, external calls and own code through
 * {@link io.sreagent.bootstrap.RequestContext}.
 */
public final class HttpFeature implements Feature {
    private HttpTelemetry telemetry;
    private List<Rule> rules = List.of();

    @Override
    public String name() {
        return "http";
    }

    @Override
    public List<Weaving> weavings() {
        return List.of(ServletWeaving.jakarta(), ServletWeaving.javax(), new JdkHttpServerWeaving(),
                new JdkHttpClientWeaving(), new HttpUrlConnectionWeaving(), new ApacheHttpClientWeaving(),
                new RequestExecutorWeaving(), new OkHttpWeaving());
    }

    @Override
    public void start(AgentContext context) {
        Config c = context.config();
        telemetry = new HttpTelemetry(context.sites(), c.integer(Options.HTTP_ROUTES_MAX), c.integer(Options.EXTERNAL_HOSTS_MAX));
        int minRequests = c.integer(Options.HTTP_MIN_REQUESTS);
        int minCalls = c.integer(Options.EXTERNAL_MIN_CALLS);
        rules = List.of(
                new SlowEndpointRule(telemetry, micros(c, Options.HTTP_SLOW_P95), micros(c, Options.HTTP_SLOW_P99), minRequests),
                new EndpointErrorsRule(telemetry, c.decimal(Options.HTTP_ERROR_RATE), minRequests),
                new SlowExternalCallRule(telemetry, micros(c, Options.EXTERNAL_SLOW_P95), minCalls),
                new ExternalRateLimitedRule(telemetry, minCalls),
                new ExternalErrorsRule(telemetry, c.decimal(Options.EXTERNAL_ERROR_RATE), minCalls),
                new MissingTimeoutRule(telemetry));
        telemetry.install();
    }

    private static long micros(Config c, String key) {
        return c.duration(key).toNanos() / 1000;
    }

    @Override
    public List<Rule> rules() {
        return rules;
    }

    @Override
    public void addMetrics(Map<String, Object> metrics) {
        if (telemetry != null) {
            metrics.put("http", telemetry.toMap(System.currentTimeMillis()));
        }
    }

    @Override
    public void stop() {
        if (telemetry != null) {
            telemetry.uninstall();
        }
    }
}
