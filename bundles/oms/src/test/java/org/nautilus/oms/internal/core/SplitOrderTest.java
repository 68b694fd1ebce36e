package org.nautilus.oms.internal.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nautilus.api.domain.OrderStatus.ACCEPTED;
import static org.nautilus.api.domain.OrderStatus.CANCELED;
import static org.nautilus.api.domain.OrderStatus.FILLED;
import static org.nautilus.api.domain.OrderStatus.PARTIALLY_FILLED;
import static org.nautilus.api.domain.OrderStatus.REJECTED;
import static org.nautilus.oms.internal.core.Fixtures.limit;
import static org.nautilus.oms.internal.core.Fixtures.market;

import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.venue.ExecType;
import org.nautilus.api.venue.RouteAllocation;
import org.nautilus.api.venue.RoutingDecision;

class SplitOrderTest {

    private final FakeVenue a = new FakeVenue("SIM", FakeVenue.OnSubmit.FILL)
            .book(List.of("99.95 x 500"), List.of("100.05 x 500", "100.10 x 1000")).fees("1", "3");
    private final FakeVenue b = new FakeVenue("SIM-B", FakeVenue.OnSubmit.FILL)
            .book(List.of("99.96 x 200"), List.of("100.04 x 200")).fees("0.5", "1");
    private final Harness h = new Harness(null, a, b);

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void a_BUY_of_1000_split_across_two_venues_is_one_FILLED_order_with_a_fill_from_each() {
        Order order = h.oms.submit(market("c1", Side.BUY, 1000));

        assertThat(order.status()).isEqualTo(FILLED);
        assertThat(order.venueId()).isEqualTo(OrderManager.SPLIT);
        assertThat(h.oms.fills(order.id())).extracting(Fill::venueId, Fill::quantity, Fill::price, Fill::orderId)
                .containsExactly(
                        Tuple.tuple(VenueId.of("SIM-B"), Quantity.ofWhole(200),
                                Price.of("100.04"), order.id()),
                        Tuple.tuple(VenueId.of("SIM"), Quantity.ofWhole(800),
                                Price.of("100.05"), order.id()));
        // (200 × 100.04 + 800 × 100.05) / 1000
        assertThat(order.averagePrice()).isEqualTo(Price.of("100.048"));
        // Only the order the client sent is listed and heard of; its parts are not orders of their own.
        assertThat(h.oms.orders()).containsExactly(order);
        assertThat(h.recorder.orders).extracting(Order::id).containsOnly(order.id());
        assertThat(h.recorder.fills).hasSize(2);
    }

    @Test
    void the_routing_decision_is_recorded_with_its_allocations_and_reason() {
        Order order = h.oms.submit(market("c1", Side.BUY, 1000));

        RoutingDecision decision = h.oms.decision(order.id()).orElseThrow();
        assertThat(decision.split()).isTrue();
        assertThat(decision.allocations()).extracting(RouteAllocation::venueId, RouteAllocation::quantity)
                .containsExactly(Tuple.tuple(VenueId.of("SIM-B"), Quantity.ofWhole(200)),
                        Tuple.tuple(VenueId.of("SIM"), Quantity.ofWhole(800)));
        assertThat(decision.reason()).contains("split across 2 venues");
        assertThat(h.oms.decisions(10)).first().isEqualTo(decision);
    }

    @Test
    void a_small_order_goes_whole_to_one_venue_and_its_decision_says_why() {
        Order order = h.oms.submit(market("c1", Side.BUY, 100));

        assertThat(order.venueId()).isEqualTo(VenueId.of("SIM-B"));
        assertThat(h.oms.decision(order.id()).orElseThrow().reason()).startsWith("SIM-B has the best");
    }

    @Test
    void a_part_rejected_while_the_other_fills_leaves_the_order_partly_filled_and_ends_it_CANCELED() {
        a.onSubmit = FakeVenue.OnSubmit.REJECT;

        Order order = h.oms.submit(market("c1", Side.BUY, 1000));

        assertThat(order.status()).isEqualTo(CANCELED);
        assertThat(order.filledQuantity()).isEqualTo(Quantity.ofWhole(200));
        assertThat(order.reason()).isEqualTo("SIM: no liquidity for AAPL");
    }

    @Test
    void every_part_rejected_makes_the_order_REJECTED() {
        a.onSubmit = FakeVenue.OnSubmit.REJECT;
        b.onSubmit = FakeVenue.OnSubmit.REJECT;

        Order order = h.oms.submit(market("c1", Side.BUY, 1000));

        assertThat(order.status()).isEqualTo(REJECTED);
        assertThat(order.reason()).isEqualTo("SIM-B: no liquidity for AAPL; SIM: no liquidity for AAPL");
    }

    @Test
    void canceling_a_split_order_cancels_every_open_part() {
        a.onSubmit = FakeVenue.OnSubmit.ACCEPT;
        b.onSubmit = FakeVenue.OnSubmit.ACCEPT;
        Order order = h.oms.submit(limit("c1", Side.BUY, 700, "100.05"));
        assertThat(order.status()).isEqualTo(ACCEPTED);
        assertThat(h.oms.venues()).extracting(v -> v.openOrders()).containsExactly(1, 1);

        var result = h.oms.cancel(order.id());

        assertThat(result.order().status()).isEqualTo(CANCELED);
        assertThat(result.order().reason()).isEqualTo("canceled on request");
        assertThat(a.cancels).hasSize(1);
        assertThat(b.cancels).hasSize(1);
    }

    @Test
    void a_split_order_partly_filled_then_canceled_keeps_its_fills() {
        a.onSubmit = FakeVenue.OnSubmit.ACCEPT;
        b.onSubmit = FakeVenue.OnSubmit.ACCEPT;
        Order order = h.oms.submit(limit("c1", Side.BUY, 700, "100.05"));
        OrderId partAtB = b.submitted.get(0).id();
        b.fill(partAtB, Quantity.ofWhole(150), Price.of("100.04"));
        h.oms.sync();
        assertThat(h.oms.order(order.id()).orElseThrow().status()).isEqualTo(PARTIALLY_FILLED);

        Order canceled = h.oms.cancel(order.id()).order();

        assertThat(canceled.status()).isEqualTo(CANCELED);
        assertThat(canceled.filledQuantity()).isEqualTo(Quantity.ofWhole(150));
    }

    @Test
    void a_cancel_refused_by_the_only_open_part_puts_the_order_back_to_work() {
        a.onSubmit = FakeVenue.OnSubmit.ACCEPT;
        b.onSubmit = FakeVenue.OnSubmit.ACCEPT;
        a.onCancel = FakeVenue.OnCancel.REJECT;
        b.onCancel = FakeVenue.OnCancel.SILENT;
        Order order = h.oms.submit(limit("c1", Side.BUY, 700, "100.05"));
        OrderId partAtB = b.submitted.get(0).id();
        b.fill(partAtB, Quantity.ofWhole(200), Price.of("100.04"));
        h.oms.sync();

        h.oms.cancel(order.id());
        b.report(partAtB, ExecType.CANCELED, null);
        h.oms.sync();

        Order after = h.oms.order(order.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(PARTIALLY_FILLED);
        assertThat(after.reason()).isEqualTo("cancel refused by SIM: too late to cancel");
    }

    @Test
    void a_split_order_cannot_be_amended() {
        a.onSubmit = FakeVenue.OnSubmit.ACCEPT;
        b.onSubmit = FakeVenue.OnSubmit.ACCEPT;
        Order order = h.oms.submit(limit("c1", Side.BUY, 700, "100.05"));

        assertThat(h.oms.amend(order.id(), Quantity.ofWhole(600), null).code()).isEqualTo("AMEND_UNSUPPORTED");
    }

    @Test
    void parts_at_a_removed_venue_are_canceled_locally_with_the_order() {
        a.onSubmit = FakeVenue.OnSubmit.ACCEPT;
        b.onSubmit = FakeVenue.OnSubmit.ACCEPT;
        Order order = h.oms.submit(limit("c1", Side.BUY, 700, "100.05"));
        h.oms.venueRemoved(a.id(), a);

        Order canceled = h.oms.cancel(order.id()).order();

        assertThat(canceled.status()).isEqualTo(CANCELED);
        assertThat(a.cancels).isEmpty();
        assertThat(b.cancels).hasSize(1);
    }

    @Test
    void fill_rates_are_learned_from_what_venues_fill() {
        a.onSubmit = FakeVenue.OnSubmit.ACCEPT;
        h.oms.submit(limit("c1", Side.BUY, 100, "99").withVenue(VenueId.of("SIM")));
        h.oms.submit(limit("c2", Side.BUY, 100, "99").withVenue(VenueId.of("SIM-B")));

        assertThat(h.statistics.describeFillRate(VenueId.of("SIM"))).isEqualTo("0%");
        assertThat(h.statistics.describeFillRate(VenueId.of("SIM-B"))).isEqualTo("100%");
    }
}
