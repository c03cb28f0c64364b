package com.example.shop;

import java.util.List;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** Embedded Jetty wired the way a small production service would be: loopback only, bounded worker pool. */
final class JettyServer {

    /** Fixed prefix so thread dumps and the agent can tell request threads apart. */
    static final String WORKER_THREAD_PREFIX = "http-worker";
    static final int MAX_WORKER_THREADS = 50;

    private JettyServer() {
    }

    static Server create(int port, List<Routes.Route> routes) {
        QueuedThreadPool workers = new QueuedThreadPool(MAX_WORKER_THREADS);
        workers.setName(WORKER_THREAD_PREFIX);
        Server server = new Server(workers);

        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);

        // No default servlet: any path not routed gets Jetty's 404.
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        for (Routes.Route route : routes) {
            context.addServlet(new ServletHolder(route.servlet()), route.pathSpec());
        }
        server.setHandler(context);
        return server;
    }

    static int localPort(Server server) {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }
}
