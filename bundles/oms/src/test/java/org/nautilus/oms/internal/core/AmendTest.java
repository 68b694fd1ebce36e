package org.nautilus.oms.internal.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nautilus.api.domain.OrderStatus.ACCEPTED;
import static org.nautilus.api.domain.OrderStatus.FILLED;
import static org.nautilus.api.domain.OrderStatus.PARTIALLY_FILLED;
import static org.nautilus.api.domain.OrderStatus.PENDING_UPDATE;
import static org.nautilus.oms.internal.core.Fixtures.limit;
import static org.nautilus.oms.internal.core.Fixtures.market;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderType;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;
import org.nautilus.api.domain.TimeInForce;
import org.nautilus.api.oms.CommandResult;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.oms.OrderEventType;
import org.nautilus.api.risk.RiskDecision;
import org.nautilus.api.venue.ExecType;
import org.nautilus.oms.internal.routing.DirectRouter;

class AmendTest {

    private final FakeVenue sim = new FakeVenue("SIM", FakeVenue.OnSubmit.ACCEPT);
    private final Harness h = new Harness(new DirectRouter(null), sim);
    private Order resting;

    @BeforeEach
    void rest() {
        sim.onAmend = FakeVenue.OnAmend.REPLACE;
        resting = h.oms.submit(limit("c1", Side.BUY, 10, "99.50"));
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void a_resting_BUY_limit_amended_to_99_75_works_at_the_new_price() {
        CommandResult result = h.oms.amend(resting.id(), null, Price.of("99.75"));

        assertThat(result.accepted()).isTrue();
        assertThat(result.order().status()).isEqualTo(ACCEPTED);
        assertThat(result.order().request().limitPrice()).isEqualTo(Price.of("99.75"));
        assertThat(result.message()).isEqualTo("order 1 amended: 10 @ 99.75");
        assertThat(sim.amends).singleElement().satisfies(sent -> {
            assertThat(sent.id()).isEqualTo(resting.id());
            assertThat(sent.request().limitPrice()).isEqualTo(Price.of("99.75"));
        });
        assertThat(h.oms.events(resting.id())).extracting(OrderEvent::type).endsWith(OrderEventType.PENDING_UPDATE,
                OrderEventType.UPDATED);
    }

    @Test
    void an_amend_or_cancel_the_risk_engine_refuses_is_not_sent_and_the_order_works_on() {
        h.risk.nextAmend = RiskDecision.reject("amend-cancel-rate", "AMEND_RATE",
                "amend rate 1 per 1000 ms exceeded: 2");
        h.risk.nextCancel = RiskDecision.reject("amend-cancel-rate", "CANCEL_RATE",
                "cancel rate 1 per 1000 ms exceeded: 2");

        CommandResult amend = h.oms.amend(resting.id(), null, Price.of("99.75"));
        CommandResult cancel = h.oms.cancel(resting.id());

        assertThat(amend.accepted()).isFalse();
        assertThat(amend.code()).isEqualTo("AMEND_RATE");
        assertThat(amend.message()).isEqualTo("amend-cancel-rate: amend rate 1 per 1000 ms exceeded: 2");
        assertThat(cancel.accepted()).isFalse();
        assertThat(cancel.message())
                .isEqualTo("amend-cancel-rate: cancel rate 1 per 1000 ms exceeded: 2");
        assertThat(sim.amends).isEmpty();
        Order after = h.oms.order(resting.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(ACCEPTED);
        assertThat(after.request().limitPrice()).isEqualTo(Price.of("99.50"));
    }

    @Test
    void an_amend_the_venue_refuses_leaves_the_order_unchanged_with_the_reason() {
        sim.onAmend = FakeVenue.OnAmend.REJECT;

        CommandResult result = h.oms.amend(resting.id(), Quantity.ofWhole(20), Price.of("99.60"));

        Order after = h.oms.order(resting.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(ACCEPTED);
        assertThat(after.quantity()).isEqualTo(Quantity.ofWhole(10));
        assertThat(after.request().limitPrice()).isEqualTo(Price.of("99.50"));
        assertThat(after.reason()).isEqualTo("amend refused by SIM: price outside the collar");
        assertThat(result.message()).contains("amend refused by SIM");
    }

    @Test
    void a_venue_without_amends_refuses_at_once_and_nothing_is_sent() {
        sim.onAmend = FakeVenue.OnAmend.UNSUPPORTED;

        CommandResult result = h.oms.amend(resting.id(), Quantity.ofWhole(5), null);

        assertThat(result.accepted()).isFalse();
        assertThat(result.code()).isEqualTo("AMEND_UNSUPPORTED");
        assertThat(sim.amends).isEmpty();
        assertThat(h.oms.order(resting.id()).orElseThrow()).isEqualTo(resting);
    }

    @Test
    void an_amend_waits_PENDING_UPDATE_for_a_slow_venue_and_a_second_one_is_refused() {
        sim.onAmend = FakeVenue.OnAmend.SILENT;

        CommandResult first = h.oms.amend(resting.id(), Quantity.ofWhole(15), null);
        CommandResult second = h.oms.amend(resting.id(), Quantity.ofWhole(16), null);
        CommandResult cancel = h.oms.cancel(resting.id());

        assertThat(first.order().status()).isEqualTo(PENDING_UPDATE);
        assertThat(first.message()).contains("waiting for its answer");
        assertThat(second.code()).isEqualTo("AMEND_PENDING");
        assertThat(cancel.code()).isEqualTo("AMEND_PENDING");
    }

    @Test
    void a_fill_during_a_pending_amend_keeps_it_pending_and_the_replace_resumes_PARTIALLY_FILLED() {
        sim.onAmend = FakeVenue.OnAmend.SILENT;
        h.oms.amend(resting.id(), Quantity.ofWhole(12), null);

        sim.fill(resting.id(), Quantity.ofWhole(3), Price.of("99.50"));
        h.oms.sync();
        assertThat(h.oms.order(resting.id()).orElseThrow().status()).isEqualTo(PENDING_UPDATE);
        sim.report(resting.id(), ExecType.REPLACED, null);
        h.oms.sync();

        Order after = h.oms.order(resting.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(PARTIALLY_FILLED);
        assertThat(after.quantity()).isEqualTo(Quantity.ofWhole(12));
        assertThat(after.leavesQuantity()).isEqualTo(Quantity.ofWhole(9));
    }

    @Test
    void a_reduction_to_what_already_filled_during_the_amend_ends_FILLED() {
        sim.onAmend = FakeVenue.OnAmend.SILENT;
        h.oms.amend(resting.id(), Quantity.ofWhole(4), null);

        sim.fill(resting.id(), Quantity.ofWhole(4), Price.of("99.50"));
        sim.report(resting.id(), ExecType.REPLACED, null);
        h.oms.sync();

        assertThat(h.oms.order(resting.id()).orElseThrow().status()).isEqualTo(FILLED);
    }

    @Test
    void a_quantity_not_above_the_filled_quantity_is_refused() {
        sim.fill(resting.id(), Quantity.ofWhole(6), Price.of("99.50"));
        h.oms.sync();

        CommandResult result = h.oms.amend(resting.id(), Quantity.ofWhole(6), null);

        assertThat(result.code()).isEqualTo("AMEND_INVALID");
        assertThat(result.message())
                .isEqualTo("new quantity 6 is not above the 6 already filled; cancel the order instead");
    }

    @Test
    void an_amend_off_the_tick_is_refused_with_the_validation_reason() {
        CommandResult result = h.oms.amend(resting.id(), null, Price.of("99.555"));

        assertThat(result.code()).isEqualTo("AMEND_INVALID");
        assertThat(result.message()).contains("tick size");
        assertThat(sim.amends).isEmpty();
    }

    @Test
    void a_larger_quantity_goes_through_pre_trade_risk_and_a_rejection_refuses_the_amend() {
        h.risk.next = RiskDecision.reject("max-order-quantity", "MAX_ORDER_QUANTITY", "max 100 exceeded: 500");

        CommandResult result = h.oms.amend(resting.id(), Quantity.ofWhole(500), null);

        assertThat(result.code()).isEqualTo("MAX_ORDER_QUANTITY");
        assertThat(result.message()).isEqualTo("max-order-quantity: max 100 exceeded: 500");
        assertThat(sim.amends).isEmpty();
    }

    @Test
    void a_smaller_quantity_does_not_ask_risk_again() {
        h.risk.next = RiskDecision.reject("kill-switch", "HALTED", "trading halted");

        assertThat(h.oms.amend(resting.id(), Quantity.ofWhole(5), null).accepted()).isTrue();
    }

    @Test
    void a_market_order_has_no_price_to_amend_and_a_filled_one_nothing_at_all() {
        sim.onSubmit = FakeVenue.OnSubmit.FILL;
        Order filled = h.oms.submit(market("c2", Side.BUY, 1));

        assertThat(h.oms.amend(filled.id(), null, Price.ofWhole(1)).code()).isEqualTo("ORDER_TERMINAL");
        assertThat(h.oms.amend(resting.id(), null, null).code()).isEqualTo("NOTHING_TO_AMEND");
        assertThat(h.oms.amend(resting.id(), Quantity.ofWhole(10), Price.of("99.50")).code())
                .isEqualTo("NOTHING_TO_AMEND");
    }

    @Test
    void the_price_of_a_STOP_order_is_its_stop_price() {
        Order stop = h.oms.submit(new OrderRequest(ClientOrderId.of("s1"), Fixtures.MAIN, Fixtures.AAPL, Side.SELL,
                OrderType.STOP, Quantity.ofWhole(10), null, Price.of("95"), TimeInForce.GTC, null, null, false,
                false));

        CommandResult result = h.oms.amend(stop.id(), null, Price.of("96"));

        assertThat(result.order().request().stopPrice()).isEqualTo(Price.of("96"));
        assertThat(result.order().request().limitPrice()).isNull();
    }
}
