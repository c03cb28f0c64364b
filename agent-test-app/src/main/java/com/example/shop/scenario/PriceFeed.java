package com.example.shop.scenario;

import java.beans.PropertyChangeListener;
import java.beans.PropertyChangeSupport;

/**
 * An application-wide event source for price changes, the way many services have one: listeners are kept
 * by a JDK {@link PropertyChangeSupport}, so whoever adds one must remove it.
 */
public final class PriceFeed {

    /** Told about every price change. */
    public interface PriceListener extends PropertyChangeListener {
    }

    private final PropertyChangeSupport listeners = new PropertyChangeSupport(this);

    public void addPriceListener(PriceListener listener) {
        listeners.addPropertyChangeListener("price", listener);
    }

    public void removePriceListener(PriceListener listener) {
        listeners.removePropertyChangeListener("price", listener);
    }

    public void publish(String sku, long oldCents, long newCents) {
        listeners.firePropertyChange("price", oldCents, newCents);
    }

    public int listenerCount() {
        return listeners.getPropertyChangeListeners("price").length;
    }
}
