package org.nautilus.routes.internal.oms;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Component;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultProducer;
import org.nautilus.api.audit.Actor;
import org.nautilus.api.audit.AuditService;
import org.nautilus.api.audit.Channel;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.oms.OrderEventSubscriber;
import org.nautilus.api.oms.OrderEventType;
import org.nautilus.api.oms.OrderService;
import org.nautilus.routes.internal.component.Gateways;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code nautilus:oms}: as a producer ({@code to}) it submits the body's orders to the OMS and replaces the body
 * with the resulting order(s) (a DENIED order is a result, not an error; its reason is in the order); as a
 * consumer ({@code from: nautilus:oms?events=FILL,CANCELED}) it emits the OMS's order events once they are durable,
 * one exchange each, in the order the OMS decided per portfolio, from its own thread so a slow route never holds up
 * the OMS. Each exchange carries the event's portfolio ({@value #PORTFOLIO}) and sequence ({@value #SEQUENCE}); a
 * stopped and restarted route resumes after the last event it was given, and {@code resumeAfter} resumes after a
 * sequence recorded elsewhere (e.g. by a downstream system after a restart of the platform).
 *
 * <p>Options: {@code portfolio} (default), {@code venue} (none: the smart order router), {@code timeInForce}
 * (DAY); {@code events} order event types (all); {@code queueSize} events buffered for a consumer (10000; a route
 * that falls that far behind is dropped and says so); {@code resumeAfter} {@code PORTFOLIO:SEQUENCE,...} (none).
 */
public final class OmsCamelEndpoint extends DefaultEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(OmsCamelEndpoint.class);
    /** Said once per endpoint, not once per order. */
    private volatile boolean auditMissingSaid;
    static final String STATUS = "NautilusOrderStatus";
    static final String EVENT_TYPE = "NautilusOrderEvent";
    static final String PORTFOLIO = "NautilusPortfolio";
    static final String SEQUENCE = "NautilusEventSequence";

    private final Gateways gateways;
    private final OrderMessages.Defaults defaults;
    private final Set<OrderEventType> events;
    private final int queueSize;
    private final Map<PortfolioId, Long> delivered = new ConcurrentHashMap<>();

    public OmsCamelEndpoint(String uri, Component component, Gateways gateways, OrderMessages.Defaults defaults,
            String events, int queueSize, String resumeAfter) {
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
        delivered.putAll(resumePoints(uri, resumeAfter));
    }

    /** {@code PORTFOLIO:SEQUENCE[,PORTFOLIO:SEQUENCE...]}, e.g. {@code default:1200}. */
    static Map<PortfolioId, Long> resumePoints(String uri, String text) {
        Map<PortfolioId, Long> points = new HashMap<>();
        for (String point : text.split(",")) {
            if (point.isBlank()) {
                continue;
            }
            int colon = point.lastIndexOf(':');
            try {
                if (colon < 1) {
                    throw new IllegalArgumentException("no ':'");
                }
                long sequence = Long.parseLong(point.substring(colon + 1).strip());
                if (sequence < 0) {
                    throw new IllegalArgumentException("negative sequence");
                }
                points.put(PortfolioId.of(point.substring(0, colon).strip()), sequence);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(uri + ": bad resumeAfter '" + point.strip()
                        + "', expected PORTFOLIO:SEQUENCE (e.g. default:1200), the last sequence already seen");
            }
        }
        return points;
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
                    Order order = orders.submit(request);
                    results.add(order);
                    audit(exchange, order);
                }
                exchange.getMessage().setBody(results.size() == 1 ? results.get(0) : results);
                exchange.getMessage().setHeader(STATUS, results.size() == 1 ? results.get(0).status().name()
                        : results.stream().map(o -> o.status().name()).toList());
            }
        };
    }

    /** Who submitted it: the route (channel ROUTE), in the audit journal next to the order's own events. */
    private void audit(Exchange exchange, Order order) {
        AuditService journal = gateways.auditOrNull();
        String route = exchange.getFromRouteId() == null ? "route" : exchange.getFromRouteId();
        if (journal == null) {
            if (!auditMissingSaid) {
                auditMissingSaid = true;
                LOG.warn("audit journal unavailable: orders submitted by routes are not recorded (first: {} by {})",
                        order.id(), route);
            }
            return;
        }
        try {
            journal.record(Actor.of(route, Channel.ROUTE), "SUBMIT", order.id().toString(), order.portfolioId(),
                    order.side() + " " + order.quantity() + " " + order.instrumentId() + " " + order.request().type()
                            + ": " + order.status(),
                    Map.of("clientOrderId", order.clientOrderId().value()));
        } catch (RuntimeException e) {
            LOG.error("audit: order {} submitted by route {} could not be recorded: {}", order.id(), route,
                    e.toString());
        }
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        EventConsumer consumer = new EventConsumer(processor);
        configureConsumer(consumer);
        return consumer;
    }

    /** The last sequence handed to a route per portfolio: a restarted consumer resumes after it. */
    Map<PortfolioId, Long> delivered() {
        return Map.copyOf(delivered);
    }

    /**
     * Order events to a route: the consumer is a subscriber of the OMS's committed events, fed on a thread of its own
     * through a queue of {@code queueSize} events, so a slow route never holds up the OMS (one that falls that far
     * behind is dropped and says so; restarting the route resumes it without a gap).
     */
    private final class EventConsumer extends DefaultConsumer implements OrderEventSubscriber {
        private AutoCloseable subscription;

        EventConsumer(Processor processor) {
            super(OmsCamelEndpoint.this, processor);
        }

        @Override
        protected void doStart() throws Exception {
            super.doStart();
            subscription = gateways.subscribe(this, getRouteId() != null ? getRouteId() : getEndpointUri(),
                    queueSize);
        }

        @Override
        protected void doStop() throws Exception {
            if (subscription != null) {
                subscription.close();
                subscription = null;
            }
            super.doStop();
        }

        @Override
        public Map<PortfolioId, Long> resumeAfter() {
            return delivered();
        }

        @Override
        public void onDropped(String why) {
            LOG.error("{}: order events stopped for route {}: {}; restart the route to resume after sequence(s) {}",
                    getEndpointUri(), getRouteId(), why, delivered);
        }

        @Override
        public void onEvent(OrderEvent event) {
            delivered.put(event.portfolioId(), event.sequence());
            if (!events.contains(event.type())) {
                return;
            }
            Exchange exchange = createExchange(true);
            exchange.getMessage().setBody(event);
            exchange.getMessage().setHeader(EVENT_TYPE, event.type().name());
            exchange.getMessage().setHeader(PORTFOLIO, event.portfolioId().value());
            exchange.getMessage().setHeader(SEQUENCE, event.sequence());
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
