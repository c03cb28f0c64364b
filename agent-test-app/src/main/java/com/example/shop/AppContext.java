package com.example.shop;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * What scenarios may depend on. The HTTP client is shared (one connection pool, one selector thread)
 * the way a real service shares it; outbound scenarios call {@code upstream} through it.
 */
public record AppContext(DataSource dataSource, HttpClient httpClient, Optional<URI> upstream) {
}
