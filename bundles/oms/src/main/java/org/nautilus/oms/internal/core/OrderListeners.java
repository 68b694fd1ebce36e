package org.nautilus.oms.internal.core;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.Order;
import org.nautilus.api.oms.OrderStepListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whiteboard's in-step listeners ({@link OrderStepListener}), called on the writer's thread inside the step; a
 * failing listener is logged and does not stop the others. Outside subscribers are {@link OrderEventSubscribers}.
 */
public final class OrderListeners {

    private static final Logger LOG = LoggerFactory.getLogger(OrderListeners.class);

    private final CopyOnWriteArrayList<OrderStepListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong failures = new AtomicLong();

    /** Adds {@code listener} once: the OMS binds its required listeners first and the whiteboard offers them again. */
    public void add(OrderStepListener listener) {
        listeners.addIfAbsent(listener);
    }

    public void remove(OrderStepListener listener) {
        listeners.remove(listener);
    }

    public int size() {
        return listeners.size();
    }

    public long failures() {
        return failures.get();
    }

    void onOrder(Order order) {
        for (OrderStepListener listener : listeners) {
            try {
                listener.onOrder(order);
            } catch (RuntimeException e) {
                failed(listener, e);
            }
        }
    }

    void onFill(Fill fill) {
        for (OrderStepListener listener : listeners) {
            try {
                listener.onFill(fill);
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
