package io.sreagent.smoke;

import io.sreagent.it.support.AppProcess;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * A user's mix of the smoke app's healthy routes, with counts per route (Spring pattern) so tests can
 * compare them with the agent's. Owners 1-40 are read, pets are added to owners 41-50, so reads stay
 * the same size however long it runs.
 */
final class Traffic implements AutoCloseable {
    static final String OWNER = "GET /owners/{id}";
    static final String BY_NAME = "GET /owners";
    static final String ADD_PET = "POST /owners/{id}/pets";
    static final String VETS = "GET /vets";
    static final String DIRECTORY = "GET /directory/vets";
    static final String PETS = "GET /pets";
    static final String INVOICE = "GET /visits/{id}/invoice";
    private static final String[] PREFIXES = {"a", "Ba", "cas", "D", "ev", "Fisch", "g", "HAD", "i", "jen", "x", ""};

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AppProcess app;
    private final Map<String, AtomicLong> sent = new ConcurrentHashMap<>();
    private final List<String> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger next = new AtomicInteger();
    private final List<Thread> clients = new ArrayList<>();
    private volatile boolean running;

    Traffic(AppProcess app) {
        this.app = app;
    }

    /** One round of every healthy route, with values that change from round to round. */
    void round() {
        int i = next.getAndIncrement();
        get(OWNER, "/owners/" + (1 + i % 40), 200);
        get(BY_NAME, "/owners?lastName=" + PREFIXES[i % PREFIXES.length], 200);
        get(VETS, "/vets", 200);
        sent.computeIfAbsent(DIRECTORY, k -> new AtomicLong()).incrementAndGet(); // /vets calls it once
        String ids = LongStream.rangeClosed(1, 1 + i % 6).map(k -> 1 + (i * 7L + k * 13) % 100)
                .mapToObj(Long::toString).collect(Collectors.joining(","));
        get(PETS, "/pets?ids=" + ids, 200);
        if (i % 3 == 0) {
            send(ADD_PET, HttpRequest.newBuilder(uri("/owners/" + (41 + i % 10) + "/pets"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Pip " + i + "\",\"kind\":\"hamster\"}")), 201);
        }
    }

    void rounds(int n) {
        for (int k = 0; k < n; k++) {
            round();
        }
    }

    /** Rounds on {@code threads} client threads, each pausing {@code pause} between rounds, until {@link #close()}. */
    Traffic inBackground(int threads, Duration pause) {
        running = true;
        for (int t = 0; t < threads; t++) {
            Thread c = new Thread(() -> {
                while (running) {
                    round();
                    sleep(pause);
                }
            }, "smoke-client-" + t);
            c.setDaemon(true);
            c.start();
            clients.add(c);
        }
        return this;
    }

    void get(String route, String path, int expected) {
        send(route, HttpRequest.newBuilder(uri(path)).GET(), expected);
    }

    long sent(String route) {
        AtomicLong n = sent.get(route);
        return n == null ? 0 : n.get();
    }

    Map<String, Long> sent() {
        return sent.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get()));
    }

    /** Answers that were not what a healthy app gives (empty when all went well). */
    List<String> unexpected() {
        synchronized (unexpected) {
            return List.copyOf(unexpected);
        }
    }

    @Override
    public void close() {
        running = false;
        for (Thread c : clients) {
            try {
                c.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        clients.clear();
    }

    private void send(String route, HttpRequest.Builder request, int expected) {
        try {
            HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            sent.computeIfAbsent(route, k -> new AtomicLong()).incrementAndGet();
            if (r.statusCode() != expected) {
                unexpected.add(route + " -> " + r.statusCode() + ": " + r.body());
            }
        } catch (IOException e) {
            unexpected.add(route + " -> " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + app.port() + path);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
