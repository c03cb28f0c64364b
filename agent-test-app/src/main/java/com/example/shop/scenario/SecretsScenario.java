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
 * {@code GET /secrets}: personal data and secrets where an agent could pick them up. The SQL carries
 * literals (an e-mail address and a card number), the caller sends a token in the query string and an
 * Authorization header, and with {@code fail=1} the handler throws an exception whose message holds the
 * e-mail address (a 500). None of it may appear in anything the agent writes.
 */
public final class SecretsScenario extends HttpServlet {
    public static final String EMAIL = "alice.secret@example.com";
    public static final String CARD = "4111111111111111";

    private final transient DataSource dataSource;

    public SecretsScenario(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM customers WHERE name = '" + EMAIL + "' OR name = '" + CARD + "'")) {
            rs.next();
        } catch (SQLException e) {
            throw new ServletException(e);
        }
        if ("1".equals(request.getParameter("fail"))) {
            throw new IllegalArgumentException("no account for " + EMAIL + " with card " + CARD);
        }
        Responses.json(response, "{\"checked\":true}");
    }
}
