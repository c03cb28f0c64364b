package io.sreagent.it.bench;

import org.HdrHistogram.Histogram;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * HTTP load on the test app. The mix: one in four requests lists the orders, the others look one up
 * (HikariCP and H2). {@link #fixedRate} sends at a fixed rate (open loop), whatever the answers'
 * speed: the same work per second on every side, so CPU per request and latency compare like with
 * like; a request's latency counts from when it was due, not from when it was sent, so a stall that
 * delays the next sends shows in the latency (no coordinated omission). {@link #closedLoop} keeps the
 * app busy and counts how much it serves (its throughput); {@link #saturate} is that as a rate.
 */
final class HttpLoad {
    static final int SENDERS = 32;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** What one stretch of load did. */
    record Result(long requests, long failures, String firstFailure, Histogram latencyMicros, long elapsedNanos) {
    }

    /**
     * Sends {@code rate} requests per second to 127.0.0.1:{@code port} for {@code seconds}. Senders take
     * the next due time in turn and wait for it; when all are busy the due times pass and the delay counts
     * in the latency. At most {@link #SENDERS} requests are in flight, so connections stay bounded.
     */
    Result fixedRate(int port, int rate, double seconds) throws InterruptedException {
        long total = Math.round(rate * seconds);
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        AtomicLong next = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        long start = System.nanoTime();
        List<Thread> senders = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            Thread t = new Thread(() -> {
                Histogram mine = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
                for (long i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                    long due = start + i * intervalNanos;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    String failure = send(port, (int) i);
                    mine.recordValue(Math.min((System.nanoTime() - due) / 1000, mine.getHighestTrackableValue()));
                    if (failure != null) {
                        failures.incrementAndGet();
                        firstFailure.compareAndSet(null, failure);
                    }
                }
                synchronized (latency) {
                    latency.add(mine);
                }
            });
            t.start();
            senders.add(t);
        }
        for (Thread t : senders) {
            t.join();
        }
        return new Result(total, failures.get(), firstFailure.get(), latency, System.nanoTime() - start);
    }

    /** One request; null if it was answered 200, else what went wrong. */
    private String send(int port, int i) {
        try {
            int status = http.send(request(port, i), HttpResponse.BodyHandlers.discarding()).statusCode();
            return status == 200 ? null : "HTTP " + status;
        } catch (Exception e) {
            return e.toString();
        }
    }

    /** Requests per second that {@code clients} closed-loop clients get answered with 200 over {@code seconds}. */
    double saturate(int port, int clients, double seconds) throws Exception {
        Result r = closedLoop(port, clients, seconds);
        return (r.requests() - r.failures()) * 1e9 / r.elapsedNanos();
    }

    /**
     * {@code clients} closed-loop clients, each sending its next request when the last is answered, for
     * {@code seconds}: as many requests as the app serves (its throughput), latency from send to answer.
     */
    Result closedLoop(int port, int clients, double seconds) throws InterruptedException {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        AtomicLong served = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int first = c;
            Thread t = new Thread(() -> {
                Histogram mine = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
                for (int i = first; System.nanoTime() < end; i += clients) {
                    long sent = System.nanoTime();
                    String failure = send(port, i);
                    mine.recordValue(Math.min((System.nanoTime() - sent) / 1000, mine.getHighestTrackableValue()));
                    served.incrementAndGet();
                    if (failure != null) {
                        failures.incrementAndGet();
                        firstFailure.compareAndSet(null, failure);
                        break;
                    }
                }
                synchronized (latency) {
                    latency.add(mine);
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        return new Result(served.get(), failures.get(), firstFailure.get(), latency, System.nanoTime() - start);
    }

    private static HttpRequest request(int port, int i) {
        String path = i % 4 == 0 ? "/orders" : "/orders/" + (1 + i % 500);
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30)).build();
    }
}
