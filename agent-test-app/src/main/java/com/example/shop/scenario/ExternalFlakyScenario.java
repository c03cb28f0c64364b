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
import java.util.concurrent.CompletionException;

/**
 * {@code GET /external-flaky}: calls the upstream's {@code /flaky} (which the test makes answer 429,
 * 5xx or hang) asynchronously with a 1 s time-out, and degrades gracefully: the route itself always
 * answers 200, with a fallback when the upstream failed, as a resilient service would.
 */
public final class ExternalFlakyScenario extends HttpServlet {
    private final transient HttpClient client;
    private final transient Optional<URI> upstream;

    public ExternalFlakyScenario(HttpClient client, Optional<URI> upstream) {
        this.client = client;
        this.upstream = upstream;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        URI uri = Upstream.uri(upstream, "/flaky", response);
        if (uri == null) {
            return;
        }
        HttpRequest call = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(1)).build();
        String body;
        try {
            HttpResponse<String> answer = client.sendAsync(call, HttpResponse.BodyHandlers.ofString()) // external-flaky-site
                    .join();
            body = answer.statusCode() == 200 ? "upstream ok" : "fallback after upstream status " + answer.statusCode();
        } catch (CompletionException e) {
            body = "fallback after " + e.getCause().getClass().getSimpleName();
        }
        Responses.text(response, HttpServletResponse.SC_OK, body);
    }
}
