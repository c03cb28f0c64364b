package com.example.overhead;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpHandler;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Times the code paths the HTTP feature weaves, in this JVM, with or without the agent (the caller
 * decides): an inbound request through the JDK server's {@code Filter.Chain.doFilter} with an
 * in-memory exchange, and outbound GETs over loopback keep-alive with HttpURLConnection and
 * java.net.http to a raw-socket server the agent does not weave. Prints one line per path,
 * {@code <name> <nanoseconds per operation>}, the best of several rounds (the least disturbed by
 * other work on the machine). Argument: operations per round for the outbound paths.
 */
public final class HttpOverheadProbe {
    private static final int ROUNDS = 7;

    public static void main(String[] args) throws Exception {
        int outboundOps = Integer.parseInt(args[0]);
        awaitAgent();
        InMemoryExchange exchange = new InMemoryExchange();
        HttpHandler handler = e -> e.sendResponseHeaders(200, -1);
        try (LoopbackHttpServer server = new LoopbackHttpServer()) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(2)).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create(server.url("/items/42")))
                    .timeout(Duration.ofSeconds(5)).build();
            URL url = URI.create(server.url("/items/42")).toURL();

            long inbound = best(() -> {
                for (int i = 0; i < 200_000; i++) {
                    new Filter.Chain(List.of(), handler).doFilter(exchange);
                }
            }, 200_000);
            long urlConnection = best(() -> {
                for (int i = 0; i < outboundOps; i++) {
                    HttpURLConnection c = (HttpURLConnection) url.openConnection();
                    c.setConnectTimeout(2000);
                    c.setReadTimeout(5000);
                    try (InputStream in = c.getInputStream()) {
                        in.readAllBytes();
                    }
                }
            }, outboundOps);
            long httpClient = best(() -> {
                for (int i = 0; i < outboundOps; i++) {
                    client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                }
            }, outboundOps);
            System.out.printf(Locale.ROOT, "inbound-jdk-server %d%nhttpurlconnection-get %d%nhttpclient-send %d%n",
                    inbound, urlConnection, httpClient);
        }
    }

    interface Work {
        void run() throws Exception;
    }

    private static long best(Work work, int ops) throws Exception {
        long best = Long.MAX_VALUE;
        for (int r = 0; r < ROUNDS; r++) {
            long start = System.nanoTime();
            work.run();
            best = Math.min(best, (System.nanoTime() - start) / ops);
        }
        return best;
    }

    /** With the agent, waits until it has started and woven (its MBean comes first, then the weaving). */
    private static void awaitAgent() throws Exception {
        // Not the agent's system property: premain returns before the agent's thread sets it.
        if (ManagementFactory.getRuntimeMXBean().getInputArguments().stream().noneMatch(a -> a.startsWith("-javaagent:"))) {
            return;
        }
        ObjectName name = new ObjectName("io.sreagent:type=Agent");
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        while ((!server.isRegistered(name) || !Boolean.TRUE.equals(server.getAttribute(name, "Woven")))
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }
}
