package com.example.shop.scenario;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;

/**
 * {@code GET /external-apache/<mode>}: calls the upstream with Apache HttpClient 5 (classic), each
 * mode with time-outs set a different usual way, except {@code no-timeout}:
 * <ul>
 *   <li>{@code ok}: {@code /ok}, socket time-out on the connection manager's ConnectionConfig;</li>
 *   <li>{@code slow}: {@code /slow}, 5 s response time-out on the request's own RequestConfig;</li>
 *   <li>{@code flaky}: {@code /flaky} (429, 503, hangs), 1 s response time-out in the client's default
 *       RequestConfig and no automatic retries; degrades to a fallback answer;</li>
 *   <li>{@code no-timeout}: {@code /ok} with a client whose response time-out is 0, i.e. infinite.</li>
 * </ul>
 */
public final class ExternalApacheScenario extends HttpServlet {
    private final transient Optional<URI> upstream;
    private final transient CloseableHttpClient pooled = HttpClients.custom()
            .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                    .setDefaultConnectionConfig(ConnectionConfig.custom()
                            .setConnectTimeout(Timeout.ofSeconds(2)).setSocketTimeout(Timeout.ofSeconds(5)).build())
                    .build())
            .build();
    private final transient CloseableHttpClient failFast = HttpClients.custom()
            .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofSeconds(1)).build())
            .disableAutomaticRetries()
            .build();
    private final transient CloseableHttpClient patient = HttpClients.custom()
            .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.DISABLED).build())
            .build();

    public ExternalApacheScenario(Optional<URI> upstream) {
        this.upstream = upstream;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String mode = request.getPathInfo() == null ? "" : request.getPathInfo().substring(1);
        String body = switch (mode) {
            case "ok" -> call(pooled, Upstream.uri(upstream, "/ok", response));
            case "slow" -> slow(Upstream.uri(upstream, "/slow", response));
            case "flaky" -> flaky(Upstream.uri(upstream, "/flaky", response));
            case "no-timeout" -> noTimeout(Upstream.uri(upstream, "/ok", response));
            default -> {
                Responses.text(response, HttpServletResponse.SC_NOT_FOUND, "modes: ok, slow, flaky, no-timeout");
                yield null;
            }
        };
        if (body != null) {
            Responses.text(response, HttpServletResponse.SC_OK, body);
        }
    }

    private String slow(URI uri) throws IOException {
        if (uri == null) {
            return null;
        }
        HttpGet get = new HttpGet(uri);
        get.setConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofSeconds(5)).build());
        return "upstream answered " + pooled.execute(get, ExternalApacheScenario::status); // apache-slow-site
    }

    private String flaky(URI uri) {
        if (uri == null) {
            return null;
        }
        try {
            int status = failFast.execute(new HttpGet(uri), ExternalApacheScenario::status); // apache-flaky-site
            return status == 200 ? "upstream ok" : "fallback after upstream status " + status;
        } catch (IOException e) {
            return "fallback after " + e.getClass().getSimpleName();
        }
    }

    private String noTimeout(URI uri) throws IOException {
        if (uri == null) {
            return null;
        }
        int status = patient.execute(new HttpGet(uri), ExternalApacheScenario::status); // apache-no-timeout-site
        return "upstream answered " + status;
    }

    private static String call(CloseableHttpClient client, URI uri) throws IOException {
        if (uri == null) {
            return null;
        }
        return "upstream answered " + client.execute(new HttpGet(uri), ExternalApacheScenario::status);
    }

    private static int status(ClassicHttpResponse answer) throws IOException {
        EntityUtils.consume(answer.getEntity());
        return answer.getCode();
    }

    @Override
    public void destroy() {
        for (CloseableHttpClient c : new CloseableHttpClient[] {pooled, failFast, patient}) {
            try {
                c.close();
            } catch (IOException ignored) {
                // shutting down
            }
        }
    }
}
