package com.example.shop.scenario;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * {@code GET /slow-endpoint}: slow because of one query that takes about 600 ms in the database
 * (a server-side sleep: H2 through a Java alias, PostgreSQL pg_sleep, MariaDB SLEEP).
 */
public final class SlowEndpointScenario extends HttpServlet {
    static final int QUERY_MILLIS = 600;

    private static boolean h2AliasCreated;

    private final transient DataSource dataSource;

    public SlowEndpointScenario(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Called by H2 inside the query, on the request thread. */
    public static int pause(int millis) throws InterruptedException {
        Thread.sleep(millis);
        return millis;
    }

    /** Once, and not concurrently: H2 rejects parallel DDL on the same schema. */
    private static synchronized void createH2Alias(Statement statement) throws SQLException {
        if (!h2AliasCreated) {
            statement.execute("CREATE ALIAS IF NOT EXISTS SHOP_PAUSE FOR '" + SlowEndpointScenario.class.getName() + ".pause'");
            h2AliasCreated = true;
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            String sql = switch (connection.getMetaData().getDatabaseProductName()) {
                case "H2" -> {
                    createH2Alias(statement);
                    yield "SELECT SHOP_PAUSE(" + QUERY_MILLIS + ")";
                }
                case "PostgreSQL" -> "SELECT pg_sleep(" + QUERY_MILLIS / 1000.0 + ")";
                default -> "SELECT SLEEP(" + QUERY_MILLIS / 1000.0 + ")";
            };
            try (ResultSet rs = statement.executeQuery(sql)) { // slow-endpoint-site
                rs.next();
            }
        } catch (SQLException e) {
            throw new ServletException("slow query failed", e);
        }
        Responses.text(response, HttpServletResponse.SC_OK, "done");
    }
}
