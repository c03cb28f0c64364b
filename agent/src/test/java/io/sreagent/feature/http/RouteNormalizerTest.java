package io.sreagent.feature.http;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RouteNormalizerTest {

    @Test
    void collapsesIdentifiersAndKeepsWords() {
        assertEquals("/orders/{id}", RouteNormalizer.normalize("/orders/42"));
        assertEquals("/orders/{id}/items/{id}", RouteNormalizer.normalize("/orders/42/items/7"));
        assertEquals("/users/{id}", RouteNormalizer.normalize("/users/3f2b8c1e-9d4a-4b6e-8f00-123456789abc"));
        assertEquals("/blobs/{id}", RouteNormalizer.normalize("/blobs/5f1d7c3a9b2e4f60a1c2"));
        assertEquals("/t/{id}", RouteNormalizer.normalize("/t/AbC123xYz789QwE456rT"));
        assertEquals("/books/top-10-books", RouteNormalizer.normalize("/books/top-10-books"));
        assertEquals("/v2/health", RouteNormalizer.normalize("/v2/health"));
        assertEquals("/api/cafe", RouteNormalizer.normalize("/api/cafe"), "a short hex-looking word is a word");
    }

    @Test
    void neverKeepsQueryStringsFragmentsOrMatrixParameters() {
        assertEquals("/search", RouteNormalizer.normalize("/search?q=alice@example.com"));
        assertEquals("/a/{id}", RouteNormalizer.normalize("/a/12#top"));
        assertEquals("/cart/{id}", RouteNormalizer.normalize("/cart/9;jsessionid=ABCDEF0123"));
    }

    @Test
    void edgeCases() {
        assertEquals("/", RouteNormalizer.normalize(null));
        assertEquals("/", RouteNormalizer.normalize(""));
        assertEquals("/", RouteNormalizer.normalize("/"));
        assertEquals("/x/", RouteNormalizer.normalize("/x/"));
        assertEquals("/rel", RouteNormalizer.normalize("rel"));
        String longPath = "/a".repeat(200);
        assertEquals(RouteNormalizer.MAX_LENGTH + 3, RouteNormalizer.normalize(longPath).length());
    }
}
