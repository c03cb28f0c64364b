package com.example.shop;

import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
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
            ServletHolder holder = new ServletHolder(route.servlet());
            holder.setAsyncSupported(true);
            context.addServlet(holder, route.pathSpec());
        }
        // Like most services, a filter in front of every servlet (the agent must still count each request once).
        context.addFilter(RequestIdFilter.class, "/*", EnumSet.of(DispatcherType.REQUEST)).setAsyncSupported(true);
        for (Routes.FilterRoute filter : Routes.filters()) {
            context.addFilter(filter.filter(), filter.pathSpec(), EnumSet.of(DispatcherType.REQUEST));
        }
        server.setHandler(context);
        return server;
    }

    static int localPort(Server server) {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }
}
