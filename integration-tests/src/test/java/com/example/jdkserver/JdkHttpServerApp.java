package com.example.jdkserver;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * A service on the JDK's own HTTP server (handlers as lambdas, a user filter), for the HTTP
 * integration tests; outside io.sreagent so the agent treats it as application code. Argument: the upstream base URL that {@code /proxy} calls.
 * <ul>
 *   <li>{@code /health}, {@code /items/{id}}: healthy ({@code /items} behind a filter)</li>
 *   <li>{@code /broken}: the handler answers 500 itself</li>
 *   <li>{@code /crash}: an exception escapes the handler</li>
 *   <li>{@code /proxy}: calls the upstream's {@code /slow} with HttpURLConnection and proper time-outs</li>
 * </ul>
 */
public final class JdkHttpServerApp {

    public static void main(String[] args) throws IOException {
        URI upstream = URI.create(args[0]);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/health", e -> answer(e, 200, "ok"));
        server.createContext("/items/", e -> answer(e, 200, "item " + e.getRequestURI().getPath()))
                .getFilters().add(new Filter() {
                    @Override
                    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
                        exchange.getResponseHeaders().add("X-Served-By", "items");
                        chain.doFilter(exchange);
                    }

                    @Override
                    public String description() {
                        return "tags responses";
                    }
                });
        server.createContext("/broken", e -> answer(e, 500, "database unavailable"));
        server.createContext("/crash", e -> {
            throw new UnsupportedOperationException("not implemented yet"); // crash-site
        });
        server.createContext("/proxy", e -> {
            HttpURLConnection c = (HttpURLConnection) upstream.resolve("/slow").toURL().openConnection();
            c.setConnectTimeout(2000);
            c.setReadTimeout(5000);
            try (InputStream in = c.getInputStream()) {
                answer(e, 200, "upstream said " + new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        });
        server.start();
        System.out.println("jdk-httpserver-app listening on port " + server.getAddress().getPort());
        System.out.flush();
    }

    private static void answer(HttpExchange e, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        e.sendResponseHeaders(status, body.length); // status-site
        try (OutputStream out = e.getResponseBody()) {
            out.write(body);
        }
    }
}
