package org.nautilus.metrics.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.domain.RejectCode;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.oms.OrderEventType;

/**
 * Order series from the OMS's durable event stream: events by type, orders by final outcome, denials and rejections
 * by stable code, fills, and the time from the OMS receiving an order to its acknowledgement. It runs on the event
 * subscriber's own thread (the OMS hands events over after they are durable), so the OMS itself counts nothing
 * extra; the counters per type, outcome and reject code are resolved once (the codes are an enum: labels stay
 * bounded).
 */
public final class OrderMetrics {

    private final MeterRegistry registry;
    private final Counter[] events = new Counter[OrderEventType.values().length];
    private final Counter[] outcomes = new Counter[OrderStatus.values().length];
    private final Counter fills;
    private final Timer ack;
    private final Counter[] codes = new Counter[RejectCode.values().length];

    public OrderMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (OrderEventType type : OrderEventType.values()) {
            events[type.ordinal()] = Counter.builder("nautilus_order_events").tag("type", type.name())
                    .description("Order events the OMS made durable, by type").register(registry);
        }
        for (OrderStatus status : OrderStatus.values()) {
            if (status.isTerminal()) {
                outcomes[status.ordinal()] = Counter.builder("nautilus_orders").tag("outcome", status.name())
                        .description("Orders that reached a final state, by outcome").register(registry);
            }
        }
        for (RejectCode code : RejectCode.values()) {
            codes[code.ordinal()] = Counter.builder("nautilus_order_rejections").tag("code", code.name())
                    .description("Orders denied (pre-trade) or rejected (venue), by reject code").register(registry);
        }
        fills = Counter.builder("nautilus_fills").description("Executions (fills and partial fills)")
                .register(registry);
        ack = Timer.builder("nautilus_order_ack")
                .description("From the OMS receiving an order to its acknowledgement: accepted by the venue, or "
                        + "denied / rejected")
                .serviceLevelObjectives(Duration.ofNanos(100_000), Duration.ofNanos(250_000), Duration.ofNanos(500_000),
                        Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
                        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
                        Duration.ofSeconds(1))
                .register(registry);
    }

    public void onEvent(OrderEvent event) {
        events[event.type().ordinal()].increment();
        Order order = event.order();
        switch (event.type()) {
            case FILL -> fills.increment();
            case DENIED, REJECTED -> {
                RejectCode code = RejectCode.orDefault(order.rejectCode(),
                        event.type() == OrderEventType.DENIED ? OrderStatus.DENIED : OrderStatus.REJECTED);
                codes[code.ordinal()].increment();
                ack(event);
            }
            case ACCEPTED -> ack(event);
            default -> {
            }
        }
        Counter outcome = outcomes[order.status().ordinal()];
        if (outcome != null && event.type() != OrderEventType.INITIALIZED && isFinal(event)) {
            outcome.increment();
        }
    }

    /** The event that put the order in its terminal state (later events of a terminal order do not exist). */
    private static boolean isFinal(OrderEvent event) {
        return switch (event.type()) {
            case DENIED, REJECTED, CANCELED, EXPIRED -> true;
            case FILL -> event.order().status() == OrderStatus.FILLED;
            default -> false;
        };
    }

    private void ack(OrderEvent event) {
        long nanos = Duration.between(event.order().createdAt(), event.timestamp()).toNanos();
        if (nanos >= 0) {
            ack.record(nanos, TimeUnit.NANOSECONDS);
        }
    }
}
