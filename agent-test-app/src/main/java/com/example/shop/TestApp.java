package com.example.shop;

import javax.sql.DataSource;
import java.net.http.HttpClient;
import java.time.Duration;
import org.eclipse.jetty.server.Server;

/**
 * Entry point of the test app. Stdout carries only the startup lines that integration tests parse;
 * everything else (Jetty, HikariCP, errors) goes to stderr.
 */
public final class TestApp {

    private TestApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("sre-agent-test-app: " + e.getMessage());
            System.exit(2);
            return;
        }

        Server server;
        DataSource pool;
        try {
            pool = Database.create(options);
            Schema.createAndSeed(pool);
            HttpClient httpClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            AppContext context = new AppContext(pool, httpClient, options.upstream());
            server = JettyServer.create(options.port(), Routes.all(context));
            server.start();
        } catch (Exception e) {
            System.err.println("sre-agent-test-app: failed to start: " + e);
            // exit() rather than return: pool or Jetty threads that did start must not keep the JVM alive.
            System.exit(1);
            return;
        }

        // Registered before announcing the port, so a SIGTERM sent right after that line is still graceful.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server, pool), "test-app-shutdown"));

        System.out.println("sre-agent-test-app pid " + ProcessHandle.current().pid());
        System.out.println("sre-agent-test-app listening on port " + JettyServer.localPort(server));
        System.out.flush();

        server.join();
    }

    /** Stops accepting requests before closing the pool, so in-flight requests do not hit a closed pool. */
    private static void stop(Server server, DataSource pool) {
        try {
            server.stop();
        } catch (Exception e) {
            System.err.println("sre-agent-test-app: error stopping Jetty: " + e);
        } finally {
            if (pool instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    System.err.println("sre-agent-test-app: error closing the pool: " + e);
                }
            }
        }
    }
}
