package io.sreagent.it.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The dependency the outbound scenarios call, run by the test on 127.0.0.1 (in the test's own JVM,
 * without the agent): {@code /ok} answers at once, {@code /slow} after {@link #SLOW_MILLIS},
 * {@code /flaky} cycles through 200, 429, 503 and hanging for {@link #HANG_MILLIS} (longer than the
 * caller's 1 s time-out).
 */
public final class FakeUpstream implements AutoCloseable {
    public static final int SLOW_MILLIS = 700;
    public static final int HANG_MILLIS = 1500;

    private final HttpServer server;
    private final ExecutorService workers = Executors.newFixedThreadPool(32);
    private final AtomicInteger flakyCalls = new AtomicInteger();

    public FakeUpstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(workers);
        server.createContext("/ok", e -> answer(e, 200));
        server.createContext("/slow", e -> {
            pause(SLOW_MILLIS);
            answer(e, 200);
        });
        server.createContext("/flaky", e -> {
            switch (flakyCalls.getAndIncrement() % 4) {
                case 0 -> answer(e, 200);
                case 1 -> answer(e, 429);
                case 2 -> answer(e, 503);
                default -> {
                    pause(HANG_MILLIS);
                    answer(e, 200);
                }
            }
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void answer(HttpExchange e, int status) throws IOException {
        byte[] body = ("status " + status).getBytes(StandardCharsets.UTF_8);
        e.sendResponseHeaders(status, body.length);
        try (OutputStream out = e.getResponseBody()) {
            out.write(body);
        }
    }

    private static void pause(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
