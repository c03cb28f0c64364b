package com.example.shop;

import com.example.shop.scenario.AsyncScenario;
import com.example.shop.scenario.CaughtErrorScenario;
import com.example.shop.scenario.CardinalityScenario;
import com.example.shop.scenario.ColdStartScenario;
import com.example.shop.scenario.ContentionScenario;
import com.example.shop.scenario.CpuBurnScenario;
import com.example.shop.scenario.CustomerOrdersScenario;
import com.example.shop.scenario.DeadlockScenario;
import com.example.shop.scenario.ErrorMappingFilter;
import com.example.shop.scenario.ErrorScenario;
import com.example.shop.scenario.ExhaustPoolScenario;
import com.example.shop.scenario.ExternalApacheScenario;
import com.example.shop.scenario.ExternalFlakyScenario;
import com.example.shop.scenario.ExternalOkHttpScenario;
import com.example.shop.scenario.ExternalSlowScenario;
import com.example.shop.scenario.FilesScenario;
import com.example.shop.scenario.GrowCacheScenario;
import com.example.shop.scenario.HealthServlet;
import com.example.shop.scenario.HealthyConcurrencyScenario;
import com.example.shop.scenario.HealthyLoggingScenario;
import com.example.shop.scenario.JulErrorScenario;
import com.example.shop.scenario.LeakConnectionScenario;
import com.example.shop.scenario.LeakListenersScenario;
import com.example.shop.scenario.LeakThreadsScenario;
import com.example.shop.scenario.LeakTimerScenario;
import com.example.shop.scenario.LockDeadlockScenario;
import com.example.shop.scenario.Log4j2ErrorScenario;
import com.example.shop.scenario.LogbackErrorScenario;
import com.example.shop.scenario.MappedErrorScenario;
import com.example.shop.scenario.MemoryLeakScenario;
import com.example.shop.scenario.NoTimeoutScenario;
import com.example.shop.scenario.OrderByIdServlet;
import com.example.shop.scenario.OrdersServlet;
import com.example.shop.scenario.PhaseScenario;
import com.example.shop.scenario.PhasedQueryScenario;
import com.example.shop.scenario.RedisScenario;
import com.example.shop.scenario.SecretsScenario;
import com.example.shop.scenario.SlowEndpointScenario;
import com.example.shop.scenario.SlowQueryScenario;
import com.example.shop.scenario.SteadyLeakScenario;
import com.example.shop.scenario.WarmCacheScenario;
import com.example.shop.scenario.WarmupPoolScenario;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.util.List;

/** The one place endpoints are registered: add one line per new scenario. */
final class Routes {

    /** A servlet path spec (exact "/x" or prefix "/x/*") and the servlet serving it. */
    record Route(String pathSpec, HttpServlet servlet) {
    }

    /** A filter in front of the servlets of one path spec only (the one in front of all is JettyServer's). */
    record FilterRoute(String pathSpec, Class<? extends Filter> filter) {
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
                new Route("/cpu-burn", new CpuBurnScenario()),
                new Route("/grow-cache", new GrowCacheScenario()),
                new Route("/memory-leak", new MemoryLeakScenario()),
                new Route("/warm-cache", new WarmCacheScenario()),
                new Route("/contention", new ContentionScenario()),
                new Route("/external-slow", new ExternalSlowScenario(context.httpClient(), context.upstream())),
                new Route("/external-flaky", new ExternalFlakyScenario(context.httpClient(), context.upstream())),
                new Route("/no-timeout", new NoTimeoutScenario(context.upstream())),
                new Route("/external-apache/*", new ExternalApacheScenario(context.upstream())),
                new Route("/external-okhttp/*", new ExternalOkHttpScenario(context.upstream())),
                new Route("/error", new ErrorScenario()),
                new Route("/caught-error/*", new CaughtErrorScenario()),
                new Route(MappedErrorScenario.PATH_SPEC, new MappedErrorScenario()),
                new Route("/slow-endpoint", new SlowEndpointScenario(context.dataSource())),
                new Route("/async", new AsyncScenario()),
                new Route("/leak-connection", new LeakConnectionScenario(context.dataSource())),
                new Route("/exhaust-pool", new ExhaustPoolScenario(context.dataSource())),
                new Route("/slow-query", new SlowQueryScenario(context.dataSource())),
                new Route("/phased-query", new PhasedQueryScenario(context.dataSource())),
                new Route("/customer-orders/per-customer",
                        new CustomerOrdersScenario(context.dataSource(), CustomerOrdersScenario.Mode.PER_CUSTOMER)),
                new Route("/customer-orders/join",
                        new CustomerOrdersScenario(context.dataSource(), CustomerOrdersScenario.Mode.JOIN)),
                new Route("/cardinality", new CardinalityScenario(context.dataSource())),
                new Route("/customer-orders/batch",
                        new CustomerOrdersScenario(context.dataSource(), CustomerOrdersScenario.Mode.BATCH)),
                new Route("/redis/*", new RedisScenario()),
                new Route("/leak-threads", new LeakThreadsScenario()),
                new Route("/leak-timer", new LeakTimerScenario()),
                new Route("/leak-threads-steady", new SteadyLeakScenario(SteadyLeakScenario.Kind.THREADS)),
                new Route("/leak-timer-steady", new SteadyLeakScenario(SteadyLeakScenario.Kind.TIMERS)),
                new Route("/warmup-pool", new WarmupPoolScenario()),
                new Route("/leak-listeners", new LeakListenersScenario()),
                new Route("/leak-files", new FilesScenario(false)),
                new Route("/read-files", new FilesScenario(true)),
                new Route("/healthy-concurrency", new HealthyConcurrencyScenario()),
                new Route("/log-errors-logback", new LogbackErrorScenario()),
                new Route("/log-errors-log4j2", new Log4j2ErrorScenario()),
                new Route("/log-errors-jul", new JulErrorScenario()),
                new Route("/log-healthy", new HealthyLoggingScenario()),
                new Route("/secrets", new SecretsScenario(context.dataSource())),
                new Route("/phase/*", new PhaseScenario()),
                new Route("/cold-start", new ColdStartScenario()));
    }

    static List<FilterRoute> filters() {
        return List.of(new FilterRoute(MappedErrorScenario.PATH_SPEC, ErrorMappingFilter.class));
    }
}
