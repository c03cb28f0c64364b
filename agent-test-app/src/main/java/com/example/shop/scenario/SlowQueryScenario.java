package com.example.shop.scenario;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * {@code GET /slow-query?ms=1500}: one statement that takes ms milliseconds in the database, using
 * the database's own sleep: pg_sleep on PostgreSQL, SLEEP on MariaDB/MySQL, and on H2 (which has
 * none) a SLEEP alias bound to Thread.sleep. The connection is closed properly: slow, not leaked.
 */
public final class SlowQueryScenario extends HttpServlet {

    private final transient DataSource dataSource;
    private volatile boolean h2AliasCreated;

    public SlowQueryScenario(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        int ms = Params.intParam(request, "ms", 1500, 0, 600_000);
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName();
            runSleep(connection, product, ms);
        } catch (SQLException e) {
            throw new ServletException("slow query failed", e);
        }
        Responses.text(response, HttpServletResponse.SC_OK, "slept " + ms + " ms in the database");
    }

    private void runSleep(Connection connection, String product, int ms) throws SQLException {
        String sql;
        if (product.startsWith("PostgreSQL")) {
            sql = "SELECT pg_sleep(?)";
        } else if (product.startsWith("H2")) {
            createH2Alias(connection);
            sql = "SELECT SLEEP(?)";
        } else {
            sql = "SELECT SLEEP(?)"; // MariaDB, MySQL
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (product.startsWith("H2")) {
                statement.setLong(1, ms);
            } else {
                statement.setDouble(1, ms / 1000.0);
            }
            statement.executeQuery().close(); // slow-query-site
        }
    }

    private void createH2Alias(Connection connection) throws SQLException {
        if (!h2AliasCreated) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE ALIAS IF NOT EXISTS SLEEP FOR 'java.lang.Thread.sleep(long)'");
            }
            h2AliasCreated = true;
        }
    }
}
