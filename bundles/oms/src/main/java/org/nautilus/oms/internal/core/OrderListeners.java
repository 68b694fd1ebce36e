package org.nautilus.oms.internal.core;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.Order;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.oms.OrderEventListener;
import org.nautilus.api.oms.OrderListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The whiteboard order and event listeners; a failing listener is logged and does not stop the others. */
public final class OrderListeners {

    private static final Logger LOG = LoggerFactory.getLogger(OrderListeners.class);

    private final List<OrderListener> listeners = new CopyOnWriteArrayList<>();
    private final List<OrderEventListener> eventListeners = new CopyOnWriteArrayList<>();
    private final AtomicLong failures = new AtomicLong();

    public void add(OrderListener listener) {
        listeners.add(listener);
    }

    public void remove(OrderListener listener) {
        listeners.remove(listener);
    }

    public void addEventListener(OrderEventListener listener) {
        eventListeners.add(listener);
    }

    public void removeEventListener(OrderEventListener listener) {
        eventListeners.remove(listener);
    }

    public int size() {
        return listeners.size() + eventListeners.size();
    }

    public long failures() {
        return failures.get();
    }

    void onOrder(Order order) {
        for (OrderListener listener : listeners) {
            try {
                listener.onOrder(order);
            } catch (RuntimeException e) {
                failed(listener, e);
            }
        }
    }

    void onFill(Fill fill) {
        for (OrderListener listener : listeners) {
            try {
                listener.onFill(fill);
            } catch (RuntimeException e) {
                failed(listener, e);
            }
        }
    }

    void onEvent(OrderEvent event) {
        for (OrderEventListener listener : eventListeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                failed(listener, e);
            }
        }
    }

    private void failed(Object listener, RuntimeException e) {
        failures.incrementAndGet();
        LOG.error("order listener {} failed", listener, e);
    }
}
