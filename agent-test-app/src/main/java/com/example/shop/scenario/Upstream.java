package com.example.shop.scenario;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;

/** The upstream service the outbound scenarios call (given with --upstream), or a 503 when there is none. */
final class Upstream {

    private Upstream() {
    }

    /** The URI of {@code path} on the upstream, or null after answering 503 because none is configured. */
    static URI uri(Optional<URI> upstream, String path, HttpServletResponse response) throws IOException {
        if (upstream.isEmpty()) {
            Responses.text(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "no --upstream configured");
            return null;
        }
        return upstream.get().resolve(path);
    }
}
