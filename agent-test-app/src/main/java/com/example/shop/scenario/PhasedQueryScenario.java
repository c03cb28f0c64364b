package com.example.shop.scenario;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * {@code GET /phased-query?statement=report|stock&ms=N}: one of two statements, each of its own shape,
 * that takes ms milliseconds in the database (pg_sleep on PostgreSQL, SLEEP on MariaDB/MySQL). A caller
 * makes either slow for a while and fast otherwise, so a test can show that the verdict follows the
 * recent window: a statement slow long ago is not reported, one that turned slow just now is.
 */
public final class PhasedQueryScenario extends HttpServlet {

    private final transient DataSource dataSource;

    public PhasedQueryScenario(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        int ms = Params.intParam(request, "ms", 0, 0, 60_000);
        String statement = request.getParameter("statement");
        try (Connection connection = dataSource.getConnection()) {
            String sleep = connection.getMetaData().getDatabaseProductName().startsWith("PostgreSQL") ? "pg_sleep" : "SLEEP";
            if ("report".equals(statement)) {
                runReport(connection, sleep, ms);
            } else if ("stock".equals(statement)) {
                runStock(connection, sleep, ms);
            } else {
                Responses.text(response, HttpServletResponse.SC_BAD_REQUEST, "statement must be report or stock");
                return;
            }
        } catch (SQLException e) {
            throw new ServletException("phased query failed", e);
        }
        Responses.text(response, HttpServletResponse.SC_OK, statement + " took " + ms + " ms in the database");
    }

    private static void runReport(Connection connection, String sleep, int ms) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + sleep + "(?) AS monthly_report")) {
            statement.setDouble(1, ms / 1000.0);
            statement.executeQuery().close(); // report-query-site
        }
    }

    private static void runStock(Connection connection, String sleep, int ms) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + sleep + "(?) AS stock_level")) {
            statement.setDouble(1, ms / 1000.0);
            statement.executeQuery().close(); // stock-query-site
        }
    }
}
