package com.example.shop;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Creates and seeds the shop schema. Only SQL that H2, PostgreSQL and MariaDB all accept is used,
 * so the same scenarios can run against each of them.
 */
public final class Schema {

    /** Customer ids are 1..CUSTOMERS; every customer has ORDERS / CUSTOMERS orders. */
    public static final int CUSTOMERS = 200;
    public static final int ORDERS = 1000;

    private static final String[] STATUSES = {"NEW", "PAID", "SHIPPED", "DELIVERED", "CANCELLED"};

    private static final String[] DDL = {
        """
        CREATE TABLE IF NOT EXISTS customers (
            id INTEGER NOT NULL PRIMARY KEY,
            name VARCHAR(100) NOT NULL,
            email VARCHAR(200) NOT NULL
        )""",
        """
        CREATE TABLE IF NOT EXISTS orders (
            id INTEGER NOT NULL PRIMARY KEY,
            customer_id INTEGER NOT NULL,
            status VARCHAR(20) NOT NULL,
            amount_cents INTEGER NOT NULL,
            FOREIGN KEY (customer_id) REFERENCES customers (id)
        )""",
        // PostgreSQL does not index foreign keys by itself, and the orders scenarios look orders up by customer.
        "CREATE INDEX IF NOT EXISTS idx_orders_customer ON orders (customer_id)",
    };

    private Schema() {
    }

    static void createAndSeed(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            try (Statement statement = connection.createStatement()) {
                for (String ddl : DDL) {
                    statement.execute(ddl);
                }
            }
            // The database may outlive the app (PostgreSQL, MariaDB): seed only once.
            if (countCustomers(connection) == 0) {
                seed(connection);
            }
        }
    }

    private static int countCustomers(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM customers")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void seed(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement customer = connection.prepareStatement(
                     "INSERT INTO customers (id, name, email) VALUES (?, ?, ?)");
             PreparedStatement order = connection.prepareStatement(
                     "INSERT INTO orders (id, customer_id, status, amount_cents) VALUES (?, ?, ?, ?)")) {
            for (int id = 1; id <= CUSTOMERS; id++) {
                customer.setInt(1, id);
                customer.setString(2, "Customer " + id);
                customer.setString(3, "customer" + id + "@example.com");
                customer.addBatch();
            }
            customer.executeBatch();
            for (int id = 1; id <= ORDERS; id++) {
                order.setInt(1, id);
                // 37 is coprime with CUSTOMERS, so orders spread evenly but not in id order.
                order.setInt(2, 1 + (id * 37) % CUSTOMERS);
                // Not id % 5: that would give every order of a customer the same status.
                order.setString(3, STATUSES[(id / 7) % STATUSES.length]);
                order.setInt(4, 500 + (id * 7919) % 50_000);
                order.addBatch();
            }
            order.executeBatch();
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }
}
