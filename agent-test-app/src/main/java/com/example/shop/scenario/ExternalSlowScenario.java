package com.example.shop.scenario;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code GET /external-slow}: calls the upstream's {@code /slow} (which the test makes slow) with a
 * proper time-out, and waits for it: the route is slow because its dependency is.
 */
public final class ExternalSlowScenario extends HttpServlet {
    private final transient HttpClient client;
    private final transient Optional<URI> upstream;

    public ExternalSlowScenario(HttpClient client, Optional<URI> upstream) {
        this.client = client;
        this.upstream = upstream;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        URI uri = Upstream.uri(upstream, "/slow", response);
        if (uri == null) {
            return;
        }
        HttpRequest call = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build();
        try {
            HttpResponse<String> answer = client.send(call, HttpResponse.BodyHandlers.ofString()); // external-slow-site
            Responses.text(response, HttpServletResponse.SC_OK, "upstream answered " + answer.statusCode());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Responses.text(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "interrupted");
        }
    }
}
