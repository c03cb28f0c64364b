package com.example.shop;

import com.example.shop.scenario.DeadlockScenario;
import com.example.shop.scenario.ExhaustPoolScenario;
import com.example.shop.scenario.HealthServlet;
import com.example.shop.scenario.LeakConnectionScenario;
import com.example.shop.scenario.LockDeadlockScenario;
import com.example.shop.scenario.OrderByIdServlet;
import com.example.shop.scenario.OrdersServlet;
import com.example.shop.scenario.SlowQueryScenario;
import jakarta.servlet.http.HttpServlet;
import java.util.List;

/** The one place endpoints are registered: add one line per new scenario. */
final class Routes {

    /** A servlet path spec (exact "/x" or prefix "/x/*") and the servlet serving it. */
    record Route(String pathSpec, HttpServlet servlet) {
    }

    private Routes() {
    }

    static List<Route> all(AppContext context) {
        return List.of(
                new Route("/health", new HealthServlet()),
                new Route("/orders", new OrdersServlet(context.dataSource())),
                new Route("/orders/*", new OrderByIdServlet(context.dataSource())),
                new Route("/deadlock", new DeadlockScenario()),
                new Route("/deadlock-locks", new LockDeadlockScenario()),
                new Route("/leak-connection", new LeakConnectionScenario(context.dataSource())),
                new Route("/exhaust-pool", new ExhaustPoolScenario(context.dataSource())),
                new Route("/slow-query", new SlowQueryScenario(context.dataSource())));
    }
}
