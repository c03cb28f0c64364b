package com.example.shop.scenario;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * {@code GET /cardinality?kind=K&n=N&from=F}: many distinct things of one kind, numbered F to F+N-1, to
 * test that what the agent keeps stays bounded:
 * {@code sql} distinct statement texts; {@code hosts} outbound calls to distinct loopback hosts (a closed
 * port: each call is refused at once); {@code threads} threads of distinct names, each started and joined;
 * {@code listeners} listener holders, each given one listener and kept alive.
 */
public final class CardinalityScenario extends HttpServlet {
    /** Holders kept alive so their listeners stay registered (the agent tracks them weakly). */
    private static final List<PriceFeed> FEEDS = new ArrayList<>();

    private final transient DataSource dataSource;

    public CardinalityScenario(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        int n = Params.intParam(request, "n", 1000, 1, 200_000);
        int from = Params.intParam(request, "from", 0, 0, 10_000_000);
        String kind = String.valueOf(request.getParameter("kind"));
        try {
            switch (kind) {
                case "sql" -> distinctStatements(from, n);
                case "hosts" -> distinctHosts(from, n);
                case "threads" -> distinctThreads(from, n);
                case "listeners" -> distinctListenerHolders(n);
                default -> {
                    Responses.text(response, HttpServletResponse.SC_BAD_REQUEST, "kind: sql, hosts, threads or listeners");
                    return;
                }
            }
        } catch (SQLException e) {
            throw new ServletException("distinct statements failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Responses.text(response, HttpServletResponse.SC_OK, n + " distinct " + kind);
    }

    private void distinctStatements(int from, int n) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (int i = from; i < from + n; i++) {
                try (ResultSet rs = statement.executeQuery("SELECT 1 AS c" + i)) {
                    rs.next();
                }
            }
        }
    }

    private static void distinctHosts(int from, int n) {
        for (int i = from; i < from + n; i++) {
            String host = "127." + (1 + ((i >> 16) & 127)) + "." + ((i >> 8) & 255) + "." + (i & 255); // one per i
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create("http://" + host + ":1/").toURL().openConnection();
                c.setConnectTimeout(500);
                c.setReadTimeout(500);
                c.getResponseCode();
            } catch (IOException refused) {
                // port 1 is closed: refused at once, which is all this needs
            }
        }
    }

    private static void distinctThreads(int from, int n) throws InterruptedException {
        for (int i = from; i < from + n; i++) {
            Thread t = new Thread(() -> { }, "card-" + Integer.toString(i, 36) + "-worker");
            t.start();
            t.join();
        }
    }

    private static void distinctListenerHolders(int n) {
        synchronized (FEEDS) {
            for (int i = 0; i < n; i++) {
                PriceFeed feed = new PriceFeed();
                feed.addPriceListener(event -> { });
                FEEDS.add(feed);
            }
        }
    }
}
