package io.sreagent.it.http;

import io.sreagent.it.support.AppProcess;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Sends requests to an application from a few client threads and checks every status. */
public final class Load {
    private Load() {
    }

    public static void send(AppProcess app, int count, int threads, int expectedStatus, IntFunction<String> path) {
        ExecutorService clients = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String p = path.apply(i);
                results.add(clients.submit(() -> app.get(p)));
            }
            for (Future<Integer> r : results) {
                assertEquals(expectedStatus, r.get(), "status of " + path.apply(0) + "...\n" + app.logs());
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            clients.shutdownNow();
        }
    }
}
