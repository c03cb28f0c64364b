package com.example.shop.scenario;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.beans.PropertyChangeEvent;
import java.io.IOException;

/**
 * {@code GET /leak-listeners}: each request subscribes a watcher to the shared price feed to quote the
 * latest price, and forgets to unsubscribe it. The feed keeps every watcher (and what it references) alive.
 */
public final class LeakListenersScenario extends HttpServlet {

    /** Lives as long as the servlet, i.e. the whole application. */
    private final PriceFeed feed = new PriceFeed();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        QuoteWatcher watcher = new QuoteWatcher();
        feed.addPriceListener(watcher); // leak-listeners-site
        feed.publish("sku-1", 1999, 1899);
        // Missing: feed.removePriceListener(watcher)
        Responses.json(response, "{\"quote\":" + watcher.lastCents + ",\"watchers\":" + feed.listenerCount() + "}");
    }

    static final class QuoteWatcher implements PriceFeed.PriceListener {
        private final byte[] quoteBuffer = new byte[1024];
        volatile long lastCents;

        @Override
        public void propertyChange(PropertyChangeEvent event) {
            lastCents = (Long) event.getNewValue();
            quoteBuffer[0]++;
        }
    }
}
