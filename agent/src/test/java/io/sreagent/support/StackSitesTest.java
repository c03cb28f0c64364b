package io.sreagent.support;

import io.sreagent.report.Site;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class StackSitesTest {
    private static StackTraceElement frame(String cls, String method, int line) {
        return new StackTraceElement(cls, method, cls.substring(cls.lastIndexOf('.') + 1) + ".java", line);
    }

    @Test
    void firstFrameOutsideJdkAgentAndLibrariesIsTheSite() {
        StackTraceElement[] stack = {
                frame("io.sreagent.bootstrap.Hooks", "enter", 10),
                frame("com.zaxxer.hikari.pool.HikariPool", "getConnection", 180),
                frame("com.acme.lib.Dao", "load", 5),
                frame("com.acme.orders.OrderService", "find", 42),
                frame("org.eclipse.jetty.server.Server", "handle", 1)};
        assertEquals(new Site("com.acme.lib.Dao", "load", "Dao.java", 5), new StackSites(List.of()).siteOf(stack));
        assertEquals(new Site("com.acme.orders.OrderService", "find", "OrderService.java", 42),
                new StackSites(List.of("com.acme.lib.")).siteOf(stack));
        assertNull(new StackSites(List.of()).siteOf(new StackTraceElement[]{frame("java.lang.Thread", "run", 1)}));
    }
}
