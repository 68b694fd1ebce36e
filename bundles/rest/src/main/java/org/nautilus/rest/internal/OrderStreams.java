package org.nautilus.rest.internal;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Supplier;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.oms.OrderEventSubscriber;

/**
 * The order streams' ONE subscription to the committed order events: opened with the first client, closed with the
 * last. Each event is turned into JSON once and the same text is queued for every client that wants it. If the
 * source drops the subscription (it fell behind), every client is dropped with the reason, and the next client
 * subscribes again.
 */
final class OrderStreams implements OrderEventSubscriber {

    /** Where the committed events come from (the cluster's feed, or the OMS's whiteboard on its node). */
    @FunctionalInterface
    interface Source {
        /**
         * Starts delivering committed events to {@code streams}.
         *
         * @return how to stop
         * @throws RuntimeException if the events cannot be had now; the message says why
         */
        Runnable subscribe(OrderEventSubscriber streams);
    }

    record Client(EventStream stream, String portfolio) {
    }

    private final Supplier<Source> source;
    private final Set<Client> clients = new CopyOnWriteArraySet<>();
    private Runnable unsubscribe;

    /** @param source the source to subscribe to, looked up when the first client comes */
    OrderStreams(Supplier<Source> source) {
        this.source = source;
    }

    /** Adds a client; if the events cannot be had, the client is dropped with the reason. */
    void add(Client client) {
        String failure;
        synchronized (this) {
            clients.add(client);
            if (unsubscribe != null) {
                return;
            }
            try {
                unsubscribe = source.get().subscribe(this);
                return;
            } catch (RuntimeException e) {
                clients.remove(client);
                failure = e.getMessage();
            }
        }
        client.stream().drop("order events cannot be streamed from this node now: " + failure);
    }

    synchronized void remove(Client client) {
        if (client != null && clients.remove(client) && clients.isEmpty()) {
            unsubscribe();
        }
    }

    synchronized void unsubscribe() {
        Runnable current = unsubscribe;
        unsubscribe = null;
        if (current != null) {
            current.run();
        }
    }

    @Override
    public void onEvent(OrderEvent event) {
        SseFrame frame = null;
        for (Client client : clients) {
            if (client.portfolio() == null || event.portfolioId().value().equals(client.portfolio())) {
                if (frame == null) {
                    frame = new SseFrame(event.type().name(), event.portfolioId().value() + ":" + event.sequence(),
                            Json.write(OrdersResource.EventView.of(event)));
                }
                client.stream().offer(frame);
            }
        }
    }

    @Override
    public void onDropped(String why) {
        List<Client> dropped;
        synchronized (this) {
            dropped = List.copyOf(clients);
            clients.clear();
            // Gone from the source already; ended before the next client subscribes this object again.
            unsubscribe();
        }
        dropped.forEach(c -> c.stream().drop("the order events' source dropped this stream: " + why));
    }
}
