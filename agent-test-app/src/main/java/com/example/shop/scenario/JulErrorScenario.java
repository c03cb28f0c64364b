package com.example.shop.scenario;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * {@code GET /log-errors-jul?coupon=}: the coupon code does not parse, the handler catches the
 * exception, logs it at SEVERE through java.util.logging and answers 200 with no discount.
 */
public final class JulErrorScenario extends HttpServlet {
    private static final Logger LOG = Logger.getLogger(JulErrorScenario.class.getName());

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String coupon = request.getParameter("coupon");
        int percent = 0;
        try {
            percent = discount(coupon);
        } catch (NumberFormatException e) {
            LogRecord record = new LogRecord(Level.SEVERE, "coupon {0} could not be applied");
            record.setParameters(new Object[] {coupon});
            record.setThrown(e);
            record.setLoggerName(LOG.getName());
            LOG.log(record); // log-errors-jul-logged
        }
        Responses.json(response, "{\"discount\":" + percent + "}");
    }

    private static int discount(String coupon) {
        return Integer.parseInt(coupon.substring(coupon.indexOf('-') + 1)); // log-errors-jul-site
    }
}
