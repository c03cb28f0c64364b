package com.example.shop.scenario;

import com.example.shop.Schema;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

/**
 * {@code GET /orders}: the healthy baseline. A random customer's orders (join) plus the total order count,
 * both on one pooled connection that is always returned.
 */
public final class OrdersServlet extends HttpServlet {

    private static final String CUSTOMER_ORDERS = """
            SELECT c.name, o.id, o.status, o.amount_cents
            FROM customers c JOIN orders o ON o.customer_id = c.id
            WHERE c.id = ?
            ORDER BY o.id""";

    private final transient DataSource dataSource;

    public OrdersServlet(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        int customerId = ThreadLocalRandom.current().nextInt(1, Schema.CUSTOMERS + 1);
        StringBuilder orders = new StringBuilder();
        String customerName = null;
        int totalOrders;
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement statement = connection.prepareStatement(CUSTOMER_ORDERS)) {
                statement.setInt(1, customerId);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        customerName = rs.getString(1);
                        if (orders.length() > 0) {
                            orders.append(',');
                        }
                        orders.append("{\"id\":").append(rs.getInt(2))
                                .append(",\"status\":").append(Responses.quote(rs.getString(3)))
                                .append(",\"amountCents\":").append(rs.getInt(4)).append('}');
                    }
                }
            }
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM orders")) {
                rs.next();
                totalOrders = rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new ServletException("orders query failed", e);
        }
        Responses.json(response, "{\"customerId\":" + customerId
                + ",\"customerName\":" + (customerName == null ? "null" : Responses.quote(customerName))
                + ",\"orders\":[" + orders + "]"
                + ",\"totalOrders\":" + totalOrders + "}");
    }
}
