package io.sreagent.feature.http;

import io.sreagent.config.Config;
import io.sreagent.config.CoreOptions;
import io.sreagent.config.Option;
import io.sreagent.core.AgentContext;
import io.sreagent.core.AgentThreads;
import io.sreagent.core.Feature;
import io.sreagent.core.Rule;
import io.sreagent.feature.http.weaving.ApacheHttpClientWeaving;
import io.sreagent.feature.http.weaving.ExceptionMapperWeaving;
import io.sreagent.feature.http.weaving.HandlerExceptionResolverWeaving;
import io.sreagent.feature.http.weaving.HttpUrlConnectionWeaving;
import io.sreagent.feature.http.weaving.JdkHttpClientWeaving;
import io.sreagent.feature.http.weaving.JdkHttpExchangeStatusWeaving;
import io.sreagent.feature.http.weaving.JdkHttpServerWeaving;
import io.sreagent.feature.http.weaving.OkHttpWeaving;
import io.sreagent.feature.http.weaving.RequestExecutorWeaving;
import io.sreagent.feature.http.weaving.ResponseStatusWeaving;
import io.sreagent.feature.http.weaving.ServletWeaving;
import io.sreagent.feature.http.weaving.SpringJdkClientRequestWeaving;
import io.sreagent.weave.Weaving;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Inbound requests (servlet containers, the JDK's HTTP server) per route and outbound calls
 * (java.net.http, HttpURLConnection, Apache HttpClient 5 classic, OkHttp) per host, with each
 * request's time split into database, external calls and own code through
 * {@link io.sreagent.bootstrap.RequestContext}.
 */
public final class HttpFeature implements Feature {
    private HttpReceiver telemetry;
    private SlowRequestSampler sampler;
    private ScheduledExecutorService samplerThread;
    private List<Rule> rules = List.of();
    private long windowMillis;
    private long warmUpMillis;

    @Override
    public String name() {
        return "http";
    }

    @Override
    public List<Option<?>> options() {
        return HttpOptions.ALL;
    }

    @Override
    public List<Weaving> weavings() {
        return List.of(ServletWeaving.jakarta(), ServletWeaving.javax(), new JdkHttpServerWeaving(),
                new JdkHttpExchangeStatusWeaving(), new JdkHttpClientWeaving(), new HttpUrlConnectionWeaving(), new ApacheHttpClientWeaving(),
                new RequestExecutorWeaving(), new OkHttpWeaving(), new ResponseStatusWeaving(),
                new HandlerExceptionResolverWeaving(), new ExceptionMapperWeaving(), new SpringJdkClientRequestWeaving());
    }

    @Override
    public void start(AgentContext context) {
        Config c = context.config();
        telemetry = new HttpReceiver(context.sites(), c.get(HttpOptions.ROUTES_MAX), c.get(HttpOptions.EXTERNAL_HOSTS_MAX),
                c.get(HttpOptions.EXTERNAL_SLOW_P95).toNanos());
        int minRequests = c.get(HttpOptions.MIN_REQUESTS);
        int minCalls = c.get(HttpOptions.EXTERNAL_MIN_CALLS);
        windowMillis = c.get(CoreOptions.WINDOW).toMillis();
        warmUpMillis = c.get(HttpOptions.WARM_UP).toMillis();
        rules = List.of(
                new SlowEndpointRule(telemetry, micros(c, HttpOptions.SLOW_P95), micros(c, HttpOptions.SLOW_P99), minRequests,
                        windowMillis),
                new EndpointErrorsRule(telemetry, c.get(HttpOptions.ERROR_RATE), minRequests, windowMillis),
                new SlowExternalCallRule(telemetry, micros(c, HttpOptions.EXTERNAL_SLOW_P95), minCalls, windowMillis),
                new ExternalRateLimitedRule(telemetry, minCalls, windowMillis),
                new ExternalErrorsRule(telemetry, c.get(HttpOptions.EXTERNAL_ERROR_RATE), minCalls, windowMillis),
                new MissingTimeoutRule(telemetry));
        telemetry.install();
        sampler = new SlowRequestSampler(context.sites(), c.get(HttpOptions.SLOW_P95).toNanos());
        samplerThread = Executors.newSingleThreadScheduledExecutor(AgentThreads.factory("http-sampler"));
        samplerThread.scheduleWithFixedDelay(sampler, SlowRequestSampler.PERIOD_MILLIS, SlowRequestSampler.PERIOD_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    private static long micros(Config c, Option<Duration> option) {
        return c.get(option).toNanos() / 1000;
    }

    @Override
    public void sample(long nowMillis) {
        if (telemetry != null) {
            telemetry.tick(nowMillis, windowMillis, warmUpMillis);
        }
    }

    @Override
    public List<Rule> rules() {
        return rules;
    }

    @Override
    public void addMetrics(Map<String, Object> metrics) {
        if (telemetry != null) {
            Map<String, Object> http = telemetry.toMap(System.currentTimeMillis(), windowMillis);
            http.put("slowRequestSampler", sampler.metrics());
            metrics.put("http", http);
        }
    }

    @Override
    public void stop() {
        if (telemetry != null) {
            telemetry.uninstall();
        }
        if (samplerThread != null) {
            samplerThread.shutdownNow();
        }
    }
}
