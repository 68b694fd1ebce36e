package org.nautilus.oms.internal.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nautilus.oms.internal.core.Fixtures.limit;
import static org.nautilus.oms.internal.core.Fixtures.market;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.RejectCode;
import org.nautilus.api.domain.Side;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.oms.OrderEventType;
import org.nautilus.oms.internal.routing.DirectRouter;

class OrderEventsTest {

    private final FakeVenue sim = new FakeVenue("SIM", FakeVenue.OnSubmit.FILL);
    private final Harness h = new Harness(new DirectRouter(null), sim);

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void a_filled_market_order_has_four_numbered_events_ending_in_its_fill() {
        Order order = h.oms.submit(market("c1", Side.BUY, 10));

        assertThat(h.oms.events(order.id())).extracting(OrderEvent::version, OrderEvent::type)
                .containsExactly(
                        Tuple.tuple(1, OrderEventType.INITIALIZED),
                        Tuple.tuple(2, OrderEventType.SUBMITTED),
                        Tuple.tuple(3, OrderEventType.ACCEPTED),
                        Tuple.tuple(4, OrderEventType.FILL));
        OrderEvent last = h.oms.events(order.id()).get(3);
        assertThat(last.order()).isEqualTo(order);
        assertThat(last.fill().quantity()).isEqualTo(Quantity.ofWhole(10));
        assertThat(h.oms.events(order.id())).as("numbered in the portfolio's stream")
                .extracting(OrderEvent::sequence).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void a_denied_order_has_its_denial_as_an_event_with_the_reason() {
        Order order = h.oms.submit(limit("c1", Side.BUY, 10, "1.001"));

        OrderEvent denied = h.oms.events(order.id()).get(1);
        assertThat(denied.type()).isEqualTo(OrderEventType.DENIED);
        assertThat(denied.reason()).contains("tick size");
        assertThat(denied.order().rejectCode()).isEqualTo(RejectCode.TICK_SIZE);
        assertThat(denied.order().status()).isEqualTo(OrderStatus.DENIED);
    }

    @Test
    void a_cancel_is_two_events_and_the_last_event_is_always_the_current_order() {
        sim.onSubmit = FakeVenue.OnSubmit.ACCEPT;
        Order order = h.oms.submit(limit("c1", Side.BUY, 10, "99"));
        sim.fill(order.id(), Quantity.ofWhole(4), Price.ofWhole(99));
        h.oms.sync();
        h.oms.cancel(order.id());

        var events = h.oms.events(order.id());
        assertThat(events).extracting(OrderEvent::type).containsExactly(OrderEventType.INITIALIZED,
                OrderEventType.SUBMITTED, OrderEventType.ACCEPTED, OrderEventType.FILL, OrderEventType.PENDING_CANCEL,
                OrderEventType.CANCELED);
        assertThat(events.get(events.size() - 1).order()).isEqualTo(h.oms.order(order.id()).orElseThrow());
        assertThat(events.get(3).order().status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
    }

    @Test
    void the_events_of_an_unknown_order_are_empty() {
        assertThat(h.oms.events(OrderId.of(42))).isEmpty();
    }
}
