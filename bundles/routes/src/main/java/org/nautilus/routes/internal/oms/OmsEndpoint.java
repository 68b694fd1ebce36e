package org.nautilus.routes.internal.oms;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.camel.Component;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultProducer;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.oms.OrderEventType;
import org.nautilus.api.oms.OrderService;
import org.nautilus.routes.internal.component.Gateways;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code nautilus:oms}: as a producer ({@code to}) it submits the body's orders to the OMS and replaces the body
 * with the resulting order(s) (a DENIED order is a result, not an error; its reason is in the order); as a
 * consumer ({@code from: nautilus:oms?events=FILL,CANCELED}) it emits the OMS's order events, one exchange each,
 * from its own thread so a slow route never holds up the OMS.
 *
 * <p>Options: {@code portfolio} (default), {@code venue} (none: the smart order router), {@code timeInForce}
 * (DAY); {@code events} order event types (all); {@code queueSize} events buffered for a consumer (10000; when full,
 * new events are dropped for it and counted).
 */
public final class OmsEndpoint extends DefaultEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(OmsEndpoint.class);
    static final String STATUS = "NautilusOrderStatus";

    private final Gateways gateways;
    private final OrderMessages.Defaults defaults;
    private final Set<OrderEventType> events;
    private final int queueSize;

    public OmsEndpoint(String uri, Component component, Gateways gateways, OrderMessages.Defaults defaults,
                       String events, int queueSize) {
        super(uri, component);
        this.gateways = gateways;
        this.defaults = defaults;
        this.events = EnumSet.noneOf(OrderEventType.class);
        for (String type : events.split(",")) {
            if (!type.isBlank()) {
                try {
                    this.events.add(OrderEventType.valueOf(type.strip().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(uri + ": unknown order event type '" + type.strip()
                            + "', use " + List.of(OrderEventType.values()));
                }
            }
        }
        if (this.events.isEmpty()) {
            this.events.addAll(EnumSet.allOf(OrderEventType.class));
        }
        if (queueSize < 1) {
            throw new IllegalArgumentException(uri + ": queueSize must be >= 1");
        }
        this.queueSize = queueSize;
    }

    @Override
    public Producer createProducer() {
        return new DefaultProducer(this) {
            @Override
            public void process(Exchange exchange) {
                String prefix = "rt-" + exchange.getExchangeId();
                Object clientId = exchange.getMessage().getHeader("NautilusClientOrderId");
                List<OrderRequest> requests = OrderMessages.toRequests(exchange.getMessage().getBody(), defaults,
                        clientId != null ? clientId.toString() : prefix);
                OrderService orders = gateways.orders();
                List<Order> results = new ArrayList<>(requests.size());
                for (OrderRequest request : requests) {
                    results.add(orders.submit(request));
                }
                exchange.getMessage().setBody(results.size() == 1 ? results.get(0) : results);
                exchange.getMessage().setHeader(STATUS, results.size() == 1 ? results.get(0).status().name()
                        : results.stream().map(o -> o.status().name()).toList());
            }
        };
    }

    @Override
    public org.apache.camel.Consumer createConsumer(Processor processor) throws Exception {
        EventConsumer consumer = new EventConsumer(processor);
        configureConsumer(consumer);
        return consumer;
    }

    /** Order events to a route, through a bounded queue and a thread of its own. */
    private final class EventConsumer extends DefaultConsumer {
        private final BlockingQueue<OrderEvent> queue = new ArrayBlockingQueue<>(queueSize);
        private final AtomicLong dropped = new AtomicLong();
        private final Consumer<OrderEvent> sink = this::offer;
        private ExecutorService executor;
        private volatile boolean running;

        EventConsumer(Processor processor) {
            super(OmsEndpoint.this, processor);
        }

        @Override
        protected void doStart() throws Exception {
            super.doStart();
            running = true;
            executor = getCamelContext().getExecutorServiceManager().newSingleThreadExecutor(this, "nautilus-oms-events");
            executor.submit(this::drain);
            gateways.addOrderEventSink(sink);
        }

        @Override
        protected void doStop() throws Exception {
            gateways.removeOrderEventSink(sink);
            running = false;
            if (executor != null) {
                getCamelContext().getExecutorServiceManager().shutdownNow(executor);
                executor = null;
            }
            super.doStop();
        }

        private void offer(OrderEvent event) {
            if (events.contains(event.type()) && !queue.offer(event)) {
                long n = dropped.incrementAndGet();
                if (n == 1 || n % 10_000 == 0) {
                    LOG.warn("{}: the route is too slow, {} order events dropped so far", getEndpointUri(), n);
                }
            }
        }

        private void drain() {
            while (running) {
                OrderEvent event;
                try {
                    event = queue.take();
                } catch (InterruptedException e) {
                    return;
                }
                Exchange exchange = createExchange(true);
                exchange.getMessage().setBody(event);
                exchange.getMessage().setHeader("NautilusOrderEvent", event.type().name());
                try {
                    getProcessor().process(exchange);
                } catch (Exception e) {
                    exchange.setException(e);
                }
                if (exchange.getException() != null) {
                    getExceptionHandler().handleException("Order event " + event.type(), exchange,
                            exchange.getException());
                }
                releaseExchange(exchange, true);
            }
        }
    }
}
