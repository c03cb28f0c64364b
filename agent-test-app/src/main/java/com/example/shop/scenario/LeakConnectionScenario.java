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
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * {@code GET /leak-connection?n=1&hold=true}: takes n connections, counts the orders on each and never
 * closes them. With {@code hold=true} they stay referenced (a connection parked in a field: held for
 * ever); otherwise they are dropped unclosed and the garbage collector finds them.
 */
public final class LeakConnectionScenario extends HttpServlet {

    /** Bounded so the scenario itself cannot grow without limit. */
    private static final int MAX_HELD = 1000;
    private static final List<Connection> HELD = new ArrayList<>();

    private final transient DataSource dataSource;

    public LeakConnectionScenario(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        int n = Params.intParam(request, "n", 1, 1, MAX_HELD);
        boolean hold = Boolean.parseBoolean(request.getParameter("hold"));
        int orders = 0;
        try {
            for (int i = 0; i < n; i++) {
                orders = countOrders(hold);
            }
        } catch (SQLException e) {
            throw new ServletException("leak scenario failed", e);
        }
        Responses.text(response, HttpServletResponse.SC_OK, "leaked " + n + " connection(s); orders=" + orders);
    }

    private int countOrders(boolean hold) throws SQLException {
        Connection connection = dataSource.getConnection(); // leak-site
        if (hold) {
            synchronized (HELD) {
                if (HELD.size() < MAX_HELD) {
                    HELD.add(connection);
                }
            }
        }
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM orders");
        rs.next();
        return rs.getInt(1);
    }
}
