package org.nautilus.routes.internal.oms;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.oms.OrderEventSubscriber;
import org.nautilus.routes.internal.component.Gateways;

/** The OMS's subscribers as the routes register them; {@link #publish} plays one committed event to each. */
final class TestSubscriptions implements Gateways.Subscriptions {

    private final List<OrderEventSubscriber> subscribers = new CopyOnWriteArrayList<>();

    @Override
    public AutoCloseable subscribe(OrderEventSubscriber subscriber, String name, int queueSize) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    void publish(OrderEvent event) {
        subscribers.forEach(s -> s.onEvent(event));
    }

    List<OrderEventSubscriber> subscribers() {
        return subscribers;
    }
}
