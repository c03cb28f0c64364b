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
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The orders of the first {@code customers} customers ({@code ?customers=20}), three ways:
 * {@link Mode#PER_CUSTOMER} lists the customers, then runs one orders query per customer (the n-plus-one);
 * {@link Mode#JOIN} gets the same rows in one joined query; {@link Mode#BATCH} touches each customer's
 * orders with one batched update (one execution however many rows).
 */
public final class CustomerOrdersScenario extends HttpServlet {

    public enum Mode {
        PER_CUSTOMER, JOIN, BATCH
    }

    private static final String CUSTOMERS = "SELECT id, name FROM customers ORDER BY id LIMIT ?";
    private static final String ORDERS_OF_CUSTOMER =
            "SELECT id, status, amount_cents FROM orders WHERE customer_id = ? ORDER BY id";
    private static final String ORDERS_OF_CUSTOMERS = """
            SELECT c.id, c.name, o.id, o.status, o.amount_cents
            FROM customers c JOIN orders o ON o.customer_id = c.id
            WHERE c.id <= ? ORDER BY c.id, o.id""";
    private static final String TOUCH_ORDERS = "UPDATE orders SET amount_cents = amount_cents WHERE customer_id = ?";

    private final transient DataSource dataSource;
    private final Mode mode;

    public CustomerOrdersScenario(DataSource dataSource, Mode mode) {
        this.dataSource = dataSource;
        this.mode = mode;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        int customers = Params.intParam(request, "customers", 20, 1, 200);
        int orders;
        try (Connection connection = dataSource.getConnection()) {
            orders = switch (mode) {
                case PER_CUSTOMER -> perCustomer(connection, customers);
                case JOIN -> joined(connection, customers);
                case BATCH -> batched(connection, customers);
            };
        } catch (SQLException e) {
            throw new ServletException("customer orders failed", e);
        }
        Responses.json(response, "{\"customers\":" + customers + ",\"orders\":" + orders + "}");
    }

    private static int perCustomer(Connection connection, int customers) throws SQLException {
        List<Integer> ids = new ArrayList<>();
        try (PreparedStatement list = connection.prepareStatement(CUSTOMERS)) {
            list.setInt(1, customers);
            try (ResultSet rs = list.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getInt(1));
                }
            }
        }
        int orders = 0;
        try (PreparedStatement ofCustomer = connection.prepareStatement(ORDERS_OF_CUSTOMER)) {
            for (int id : ids) {
                ofCustomer.setInt(1, id);
                try (ResultSet rs = ofCustomer.executeQuery()) { // n-plus-one-site
                    while (rs.next()) {
                        orders++;
                    }
                }
            }
        }
        return orders;
    }

    private static int joined(Connection connection, int customers) throws SQLException {
        int orders = 0;
        try (PreparedStatement all = connection.prepareStatement(ORDERS_OF_CUSTOMERS)) {
            all.setInt(1, customers);
            try (ResultSet rs = all.executeQuery()) {
                while (rs.next()) {
                    orders++;
                }
            }
        }
        return orders;
    }

    private static int batched(Connection connection, int customers) throws SQLException {
        int orders = 0;
        try (PreparedStatement touch = connection.prepareStatement(TOUCH_ORDERS)) {
            for (int id = 1; id <= customers; id++) {
                touch.setInt(1, id);
                touch.addBatch();
            }
            for (int updated : touch.executeBatch()) {
                orders += Math.max(updated, 0);
            }
        }
        return orders;
    }
}
