package com.example.shop.scenario;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * {@code GET /exhaust-pool?n=10&ms=5000}: n background threads each take a connection and sit on it for
 * ms milliseconds (think: a remote call made while holding a connection), then close it properly.
 * Meanwhile every other request waits for the pool, and times out if ms exceeds the pool's timeout.
 */
public final class ExhaustPoolScenario extends HttpServlet {

    private final transient DataSource dataSource;
    private final AtomicInteger holders = new AtomicInteger();

    public ExhaustPoolScenario(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int n = Params.intParam(request, "n", 10, 1, 200);
        int ms = Params.intParam(request, "ms", 5000, 1, 600_000);
        for (int i = 0; i < n; i++) {
            ScenarioThreads.startDaemon("pool-holder-" + holders.incrementAndGet(), () -> holdConnection(ms));
        }
        Responses.text(response, HttpServletResponse.SC_ACCEPTED, n + " holders started for " + ms + " ms");
    }

    private void holdConnection(int ms) {
        try (Connection connection = dataSource.getConnection()) { // exhaust-site
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM customers")) {
                rs.next();
            }
            Thread.sleep(ms); // exhaust-holding-site
        } catch (SQLException e) {
            System.err.println("exhaust-pool holder could not get a connection: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
