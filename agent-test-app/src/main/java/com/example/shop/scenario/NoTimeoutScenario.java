package com.example.shop.scenario;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.Optional;

/**
 * {@code GET /no-timeout}: calls the upstream's {@code /ok} with a plain HttpURLConnection and neither
 * a connect nor a read time-out. Fast while the upstream is healthy; the day it hangs, so does every
 * request thread that enters here.
 */
public final class NoTimeoutScenario extends HttpServlet {
    private final transient Optional<URI> upstream;

    public NoTimeoutScenario(Optional<URI> upstream) {
        this.upstream = upstream;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        URI uri = Upstream.uri(upstream, "/ok", response);
        if (uri == null) {
            return;
        }
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        try {
            int status = connection.getResponseCode(); // no-timeout-site
            try (InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                if (body != null) {
                    body.readAllBytes();
                }
            }
            Responses.text(response, HttpServletResponse.SC_OK, "upstream answered " + status);
        } finally {
            connection.disconnect();
        }
    }
}
