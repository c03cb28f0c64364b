package com.example.shop.scenario;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/** {@code GET /orders/{id}}: one order by primary key; 404 when it does not exist. */
public final class OrderByIdServlet extends HttpServlet {

    private static final String ORDER_BY_ID = """
            SELECT o.id, o.customer_id, c.name, o.status, o.amount_cents
            FROM orders o JOIN customers c ON c.id = o.customer_id
            WHERE o.id = ?""";

    private final transient DataSource dataSource;

    public OrderByIdServlet(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        // Mapped at /orders/*, so the path info is "/{id}".
        String pathInfo = request.getPathInfo();
        int id;
        try {
            id = Integer.parseInt(pathInfo == null ? "" : pathInfo.substring(1));
        } catch (NumberFormatException e) {
            Responses.text(response, HttpServletResponse.SC_NOT_FOUND, "no such order");
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(ORDER_BY_ID)) {
            statement.setInt(1, id);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    Responses.text(response, HttpServletResponse.SC_NOT_FOUND, "no such order");
                    return;
                }
                Responses.json(response, "{\"id\":" + rs.getInt(1)
                        + ",\"customerId\":" + rs.getInt(2)
                        + ",\"customerName\":" + Responses.quote(rs.getString(3))
                        + ",\"status\":" + Responses.quote(rs.getString(4))
                        + ",\"amountCents\":" + rs.getInt(5) + "}");
            }
        } catch (SQLException e) {
            throw new ServletException("order query failed", e);
        }
    }
}
