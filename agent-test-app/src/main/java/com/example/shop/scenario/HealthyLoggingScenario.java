package com.example.shop.scenario;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.logging.Level;

/**
 * {@code GET /log-healthy}: the healthy twin of the log-errors routes, as chatty in every framework:
 * DEBUG and INFO lines, a WARN with an exception (a retry that worked) and an ERROR without one.
 */
public final class HealthyLoggingScenario extends HttpServlet {
    private static final org.slf4j.Logger SLF4J = org.slf4j.LoggerFactory.getLogger(HealthyLoggingScenario.class);
    private static final org.apache.logging.log4j.Logger LOG4J = org.apache.logging.log4j.LogManager.getLogger(HealthyLoggingScenario.class);
    private static final java.util.logging.Logger JUL = java.util.logging.Logger.getLogger(HealthyLoggingScenario.class.getName());

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String order = request.getParameter("order");
        IllegalStateException retried = new IllegalStateException("first attempt timed out");
        SLF4J.debug("pricing order {}", order);
        SLF4J.info("order {} priced", order);
        SLF4J.warn("order {} priced on the second attempt", order, retried);
        SLF4J.error("order {} has no invoice address yet", order);
        LOG4J.debug("pricing order {}", order);
        LOG4J.info("order {} priced", order);
        LOG4J.warn("order {} priced on the second attempt", order, retried);
        LOG4J.error("order {} has no invoice address yet", order);
        JUL.log(Level.FINE, "pricing order {0}", order);
        JUL.log(Level.INFO, "order {0} priced", order);
        JUL.log(Level.WARNING, "order priced on the second attempt", retried);
        JUL.log(Level.SEVERE, "order {0} has no invoice address yet", order);
        Responses.json(response, "{\"priced\":true}");
    }
}
