package org.nautilus.oms.internal.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nautilus.api.domain.OrderStatus.ACCEPTED;
import static org.nautilus.api.domain.OrderStatus.CANCELED;
import static org.nautilus.api.domain.OrderStatus.DENIED;
import static org.nautilus.api.domain.OrderStatus.FILLED;
import static org.nautilus.api.domain.OrderStatus.PARTIALLY_FILLED;
import static org.nautilus.api.domain.OrderStatus.PENDING_CANCEL;
import static org.nautilus.api.domain.OrderStatus.REJECTED;
import static org.nautilus.api.domain.OrderStatus.SUBMITTED;
import static org.nautilus.oms.internal.core.Fixtures.AAPL;
import static org.nautilus.oms.internal.core.Fixtures.MAIN;
import static org.nautilus.oms.internal.core.Fixtures.limit;
import static org.nautilus.oms.internal.core.Fixtures.market;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderType;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.RejectCode;
import org.nautilus.api.domain.Side;
import org.nautilus.api.domain.TimeInForce;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.oms.CommandResult;
import org.nautilus.api.oms.OrderStepListener;
import org.nautilus.api.risk.RiskDecision;
import org.nautilus.api.venue.ExecType;
import org.nautilus.oms.internal.routing.DirectRouter;
import org.nautilus.oms.internal.routing.VenueDirectory;

class OrderManagerTest {

    private final Fixtures.FakeRisk risk = new Fixtures.FakeRisk();
    private final Fixtures.Recorder recorder = new Fixtures.Recorder();
    private final OrderListeners listeners = new OrderListeners();
    private final VenueDirectory venues = new VenueDirectory();
    private final FakeVenue sim = new FakeVenue("SIM", FakeVenue.OnSubmit.FILL);
    private OrderManager oms;

    @BeforeEach
    void start() {
        listeners.add(recorder);
        oms = OrderManager.builder(Fixtures.instruments(), risk).clock(Fixtures.CLOCK).venues(venues)
                .router(new DirectRouter(null)).listeners(listeners).partitions(2).build();
        oms.venueAdded(sim.id(), sim);
    }

    @AfterEach
    void stop() {
        oms.close();
    }

    @Test
    void a_BUY_of_10_AAPL_at_market_is_FILLED_at_the_ask() {
        Order order = oms.submit(market("c1", Side.BUY, 10));

        assertThat(order.status()).isEqualTo(FILLED);
        assertThat(order.filledQuantity()).isEqualTo(Quantity.ofWhole(10));
        assertThat(order.averagePrice()).isEqualTo(Price.of("100.05"));
        assertThat(order.venueId()).isEqualTo(VenueId.of("SIM"));
        assertThat(oms.fills(order.id())).singleElement().satisfies(fill -> {
            assertThat(fill.price()).isEqualTo(Price.of("100.05"));
            assertThat(fill.quantity()).isEqualTo(Quantity.ofWhole(10));
            assertThat(fill.portfolioId()).isEqualTo(MAIN);
            assertThat(fill.side()).isEqualTo(Side.BUY);
        });
        assertThat(recorder.sequence).containsExactly("1:INITIALIZED", "1:SUBMITTED", "1:ACCEPTED",
                "1:fill 10@100.05", "1:FILLED");
    }

    @Test
    void a_SELL_of_5_AAPL_at_market_is_FILLED_at_the_bid() {
        Order order = oms.submit(market("c1", Side.SELL, 5));

        assertThat(order.status()).isEqualTo(FILLED);
        assertThat(order.averagePrice()).isEqualTo(Price.of("99.95"));
    }

    @Test
    void an_order_for_an_unknown_symbol_is_DENIED_and_never_reaches_risk_or_a_venue() {
        Order order = oms.submit(OrderRequest.market(ClientOrderId.of("c1"), MAIN, InstrumentId.of("NOPE"),
                Side.BUY, Quantity.ofWhole(1)));

        assertThat(order.status()).isEqualTo(DENIED);
        assertThat(order.reason()).contains("unknown instrument NOPE").doesNotContain("[");
        assertThat(order.rejectCode()).isEqualTo(RejectCode.UNKNOWN_INSTRUMENT);
        assertThat(risk.checked).isEmpty();
        assertThat(sim.submitted).isEmpty();
        assertThat(recorder.fills).isEmpty();
    }

    @Test
    void a_BUY_of_half_a_share_is_DENIED_for_the_lot_size() {
        Order order = oms.submit(OrderRequest.market(ClientOrderId.of("c1"), MAIN, AAPL, Side.BUY,
                Quantity.of("0.5")));

        assertThat(order.status()).isEqualTo(DENIED);
        assertThat(order.reason()).isEqualTo(
                "order-validation: quantity 0.5 is not a multiple of the lot size 1 of AAPL");
        assertThat(order.rejectCode()).isEqualTo(RejectCode.LOT_SIZE);
    }

    @Test
    void a_BUY_of_20000_AAPL_is_DENIED_above_the_instruments_maximum() {
        Order order = oms.submit(market("c1", Side.BUY, 20_000));

        assertThat(order.status()).isEqualTo(DENIED);
        assertThat(order.reason()).contains("above the maximum 10000 of AAPL");
        assertThat(order.rejectCode()).isEqualTo(RejectCode.MAX_QUANTITY);
    }

    @Test
    void a_BTC_order_below_the_minimum_quantity_is_DENIED() {
        Order order = oms.submit(OrderRequest.market(ClientOrderId.of("c1"), MAIN, Fixtures.BTC, Side.BUY,
                Quantity.of("0.0001")));

        assertThat(order.status()).isEqualTo(DENIED);
        assertThat(order.rejectCode()).isEqualTo(RejectCode.LOT_SIZE);
    }

    @Test
    void a_limit_price_off_the_tick_is_DENIED() {
        Order order = oms.submit(limit("c1", Side.BUY, 10, "100.005"));

        assertThat(order.status()).isEqualTo(DENIED);
        assertThat(order.reason()).contains("limit price 100.005 is not a multiple of the tick size 0.01");
        assertThat(order.rejectCode()).isEqualTo(RejectCode.TICK_SIZE);
    }

    @Test
    void a_stop_price_off_the_tick_is_DENIED() {
        OrderRequest stop = new OrderRequest(ClientOrderId.of("c1"), MAIN, AAPL, Side.SELL, OrderType.STOP,
                Quantity.ofWhole(1), null, Price.of("95.001"), TimeInForce.GTC, null, null, false, false);

        Order order = oms.submit(stop);

        assertThat(order.reason()).contains("stop price 95.001");
        assertThat(order.rejectCode()).isEqualTo(RejectCode.TICK_SIZE);
    }

    @Test
    void a_GTD_order_that_expires_in_the_past_is_DENIED() {
        OrderRequest gtd = limit("c1", Side.BUY, 1, "100").withTimeInForce(TimeInForce.GTD,
                Instant.parse("2024-03-01T09:00:00Z"));

        assertThat(oms.submit(gtd).rejectCode()).isEqualTo(RejectCode.EXPIRE_TIME);
    }

    @Test
    void a_risk_rejection_DENIES_the_order_with_the_rules_reason_and_nothing_reaches_the_venue() {
        risk.next = RiskDecision.reject("max-order-quantity", "MAX_ORDER_QUANTITY",
                "max order quantity 1000 exceeded: 1500");

        Order order = oms.submit(market("c1", Side.BUY, 1500));

        assertThat(order.status()).isEqualTo(DENIED);
        assertThat(order.reason()).isEqualTo(
                "max-order-quantity: max order quantity 1000 exceeded: 1500");
        assertThat(order.rejectCode()).isEqualTo(RejectCode.MAX_ORDER_QUANTITY);
        assertThat(sim.submitted).isEmpty();
    }

    @Test
    void a_risk_engine_that_throws_DENIES_the_order() {
        OrderManager failing = OrderManager.builder(Fixtures.instruments(), new Fixtures.FakeRisk() {
            @Override
            public RiskDecision check(OrderRequest request) {
                throw new IllegalStateException("limits not loaded");
            }
        }).clock(Fixtures.CLOCK).venues(venues).router(new DirectRouter(null)).listeners(listeners).partitions(1)
                .build();
        try {
            Order order = failing.submit(market("c1", Side.BUY, 1));
            assertThat(order.status()).isEqualTo(DENIED);
            assertThat(order.reason()).contains("limits not loaded");
            assertThat(order.rejectCode()).isEqualTo(RejectCode.RISK_ERROR);
        } finally {
            failing.close();
        }
    }

    @Test
    void a_repeated_client_order_id_returns_the_existing_order_and_sends_nothing_new() {
        Order first = oms.submit(market("c1", Side.BUY, 10));
        Order again = oms.submit(market("c1", Side.BUY, 10));
        Order differentContent = oms.submit(limit("c1", Side.SELL, 3, "101"));

        assertThat(again).isEqualTo(first);
        assertThat(differentContent.id()).isEqualTo(first.id());
        assertThat(oms.orders()).hasSize(1);
        assertThat(sim.submitted).hasSize(1);
        assertThat(oms.order(ClientOrderId.of("c1"))).contains(first);
    }

    @Test
    void the_same_client_order_id_submitted_from_many_threads_creates_one_order() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Order>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                PortfolioId portfolio = PortfolioId.of("p" + i);
                results.add(pool.submit(() -> oms.submit(OrderRequest.market(ClientOrderId.of("same"), portfolio,
                        AAPL, Side.BUY, Quantity.ofWhole(1)))));
            }
            OrderId id = results.get(0).get().id();
            for (Future<Order> result : results) {
                assertThat(result.get().id()).isEqualTo(id);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(sim.submitted).hasSize(1);
        assertThat(oms.orders()).hasSize(1);
    }

    @Test
    void an_order_naming_an_unregistered_venue_is_DENIED_with_the_registered_ones() {
        Order order = oms.submit(market("c1", Side.BUY, 1).withVenue(VenueId.of("NYSE")));

        assertThat(order.status()).isEqualTo(DENIED);
        assertThat(order.reason()).isEqualTo("router: venue NYSE is not registered (registered: SIM)");
        assertThat(order.rejectCode()).isEqualTo(RejectCode.UNKNOWN_VENUE);
    }

    @Test
    void with_no_venue_registered_an_order_is_DENIED() {
        oms.venueRemoved(sim.id(), sim);

        Order order = oms.submit(market("c1", Side.BUY, 1));

        assertThat(order.reason()).isEqualTo("router: no venue is registered");
        assertThat(order.rejectCode()).isEqualTo(RejectCode.NO_VENUE);
    }

    @Test
    void an_order_naming_a_venue_goes_there_and_others_go_to_the_default() {
        FakeVenue other = new FakeVenue("SIM-B", FakeVenue.OnSubmit.FILL);
        oms.venueAdded(other.id(), other);
        oms.setRouter(new DirectRouter(VenueId.of("SIM-B")));

        Order named = oms.submit(market("c1", Side.BUY, 1).withVenue(VenueId.of("SIM")));
        Order unnamed = oms.submit(market("c2", Side.BUY, 1));

        assertThat(named.venueId()).isEqualTo(VenueId.of("SIM"));
        assertThat(unnamed.venueId()).isEqualTo(VenueId.of("SIM-B"));
        assertThat(oms.venues()).extracting(v -> v.id().value()).containsExactly("SIM", "SIM-B");
    }

    @Test
    void a_venue_rejection_makes_the_order_REJECTED_with_the_venues_reason() {
        sim.onSubmit = FakeVenue.OnSubmit.REJECT;

        Order order = oms.submit(market("c1", Side.BUY, 10));

        assertThat(order.status()).isEqualTo(REJECTED);
        assertThat(order.reason()).isEqualTo("no liquidity for AAPL");
        assertThat(order.rejectCode()).as("a venue that gives no code").isEqualTo(RejectCode.VENUE_REJECTED);
    }

    @Test
    void a_venue_rejection_with_a_code_keeps_that_code_on_the_order() {
        sim.onSubmit = FakeVenue.OnSubmit.SILENT;
        Order order = oms.submit(market("c1", Side.BUY, 10));

        sim.reject(order.id(), RejectCode.VENUE_POST_ONLY_WOULD_TAKE, "post-only order would take liquidity");
        oms.sync();

        Order rejected = oms.order(order.id()).orElseThrow();
        assertThat(rejected.status()).isEqualTo(REJECTED);
        assertThat(rejected.rejectCode()).isEqualTo(RejectCode.VENUE_POST_ONLY_WOULD_TAKE);
        assertThat(rejected.reason()).isEqualTo("post-only order would take liquidity");
    }

    @Test
    void a_plugin_rules_own_code_is_RULE_DENIED_and_the_reason_names_the_rule_and_its_code() {
        risk.next = RiskDecision.reject("desk-hours", "OUTSIDE_DESK_HOURS", "the desk trades 09:00-17:00");

        Order order = oms.submit(market("c1", Side.BUY, 10));

        assertThat(order.status()).isEqualTo(DENIED);
        assertThat(order.rejectCode()).isEqualTo(RejectCode.RULE_DENIED);
        assertThat(order.reason()).isEqualTo("desk-hours: the desk trades 09:00-17:00 (OUTSIDE_DESK_HOURS)");
        assertThat(sim.submitted).isEmpty();
    }

    @Test
    void a_venue_that_throws_on_submit_leaves_a_REJECTED_order() {
        sim.onSubmit = FakeVenue.OnSubmit.THROW;

        Order order = oms.submit(market("c1", Side.BUY, 10));

        assertThat(order.status()).isEqualTo(REJECTED);
        assertThat(order.reason()).isEqualTo("venue SIM failed: connection lost");
        assertThat(order.rejectCode()).isEqualTo(RejectCode.VENUE_ERROR);
    }

    @Test
    void a_resting_BUY_limit_is_ACCEPTED_and_a_cancel_makes_it_CANCELED() {
        sim.onSubmit = FakeVenue.OnSubmit.ACCEPT;
        Order order = oms.submit(limit("c1", Side.BUY, 10, "99.50"));
        assertThat(order.status()).isEqualTo(ACCEPTED);
        assertThat(oms.venues()).singleElement().extracting(v -> v.openOrders()).isEqualTo(1);

        CommandResult result = oms.cancel(order.id());

        assertThat(result.accepted()).isTrue();
        assertThat(result.order().status()).isEqualTo(CANCELED);
        assertThat(result.order().reason()).isEqualTo("canceled on request");
        assertThat(result.message()).isEqualTo("order 1 canceled");
        assertThat(sim.cancels).hasSize(1);
        assertThat(oms.venues()).singleElement().extracting(v -> v.openOrders()).isEqualTo(0);
    }

    @Test
    void canceling_a_FILLED_order_is_refused_and_changes_nothing() {
        Order order = oms.submit(market("c1", Side.BUY, 10));

        CommandResult result = oms.cancel(order.id());

        assertThat(result.accepted()).isFalse();
        assertThat(result.code()).isEqualTo("ORDER_TERMINAL");
        assertThat(result.message()).isEqualTo("order 1 is FILLED; there is nothing to cancel");
        assertThat(oms.order(order.id())).contains(order);
        assertThat(sim.cancels).isEmpty();
    }

    @Test
    void canceling_an_unknown_order_is_refused() {
        CommandResult result = oms.cancel(OrderId.of(99));

        assertThat(result.accepted()).isFalse();
        assertThat(result.code()).isEqualTo("UNKNOWN_ORDER");
        assertThat(result.order()).isNull();
    }

    @Test
    void a_second_cancel_while_one_is_pending_is_refused() {
        sim.onSubmit = FakeVenue.OnSubmit.ACCEPT;
        sim.onCancel = FakeVenue.OnCancel.SILENT;
        Order order = oms.submit(limit("c1", Side.BUY, 10, "99.50"));

        CommandResult first = oms.cancel(order.id());
        CommandResult second = oms.cancel(order.id());

        assertThat(first.accepted()).isTrue();
        assertThat(first.order().status()).isEqualTo(PENDING_CANCEL);
        assertThat(first.message()).contains("waiting for its answer");
        assertThat(second.code()).isEqualTo("CANCEL_PENDING");
    }

    @Test
    void a_cancel_the_venue_refuses_puts_the_order_back_to_work() {
        sim.onSubmit = FakeVenue.OnSubmit.ACCEPT;
        sim.onCancel = FakeVenue.OnCancel.REJECT;
        Order order = oms.submit(limit("c1", Side.BUY, 10, "99.50"));

        CommandResult result = oms.cancel(order.id());

        assertThat(result.order().status()).isEqualTo(ACCEPTED);
        assertThat(result.order().reason()).isEqualTo("cancel refused by SIM: too late to cancel");
    }

    @Test
    void partial_fills_make_the_order_PARTIALLY_FILLED_then_FILLED_at_the_volume_weighted_price() {
        sim.onSubmit = FakeVenue.OnSubmit.ACCEPT;
        Order order = oms.submit(limit("c1", Side.BUY, 10, "100.10"));

        sim.fill(order.id(), Quantity.ofWhole(3), Price.of("100.00"));
        oms.sync();
        assertThat(oms.order(order.id()).orElseThrow().status()).isEqualTo(PARTIALLY_FILLED);
        assertThat(oms.order(order.id()).orElseThrow().leavesQuantity()).isEqualTo(Quantity.ofWhole(7));

        sim.fill(order.id(), Quantity.ofWhole(7), Price.of("100.10"));
        oms.sync();

        Order done = oms.order(order.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(FILLED);
        // (3 × 100.00 + 7 × 100.10) / 10
        assertThat(done.averagePrice()).isEqualTo(Price.of("100.07"));
        assertThat(oms.fills(order.id())).hasSize(2);
    }

    @Test
    void reports_from_the_venues_own_thread_are_applied_in_order() throws Exception {
        sim.onSubmit = FakeVenue.OnSubmit.SILENT;
        Order order = oms.submit(limit("c1", Side.BUY, 100, "100.10"));
        assertThat(order.status()).isEqualTo(SUBMITTED);

        Thread venueThread = new Thread(() -> {
            sim.accept(order.id());
            for (int i = 0; i < 100; i++) {
                sim.fill(order.id(), Quantity.ofWhole(1), Price.of("100.00"));
            }
        });
        venueThread.start();
        venueThread.join();
        oms.sync();

        assertThat(oms.order(order.id()).orElseThrow().status()).isEqualTo(FILLED);
        List<String> statuses = recorder.orders.stream().map(o -> o.status().name()).toList();
        assertThat(statuses.subList(0, 4)).containsExactly("INITIALIZED", "SUBMITTED", "ACCEPTED",
                "PARTIALLY_FILLED");
        assertThat(statuses.get(statuses.size() - 1)).isEqualTo("FILLED");
        assertThat(recorder.orders).extracting(Order::filledQuantity).isSorted();
    }

    @Test
    void a_duplicated_execution_report_is_ignored() {
        sim.onSubmit = FakeVenue.OnSubmit.ACCEPT;
        Order order = oms.submit(limit("c1", Side.BUY, 10, "100.10"));

        sim.fill(order.id(), "X-1", Quantity.ofWhole(4), Price.of("100"));
        sim.fill(order.id(), "X-1", Quantity.ofWhole(4), Price.of("100"));
        oms.sync();

        assertThat(oms.order(order.id()).orElseThrow().filledQuantity()).isEqualTo(Quantity.ofWhole(4));
        assertThat(recorder.fills).hasSize(1);
        assertThat(oms.duplicateReports()).isEqualTo(1);
    }

    @Test
    void an_overfill_is_refused_and_changes_nothing() {
        sim.onSubmit = FakeVenue.OnSubmit.ACCEPT;
        Order order = oms.submit(limit("c1", Side.BUY, 10, "100.10"));

        sim.fill(order.id(), Quantity.ofWhole(11), Price.of("100"));
        oms.sync();

        assertThat(oms.order(order.id()).orElseThrow().status()).isEqualTo(ACCEPTED);
        assertThat(recorder.fills).isEmpty();
        assertThat(oms.refusedReports()).isEqualTo(1);
    }

    @Test
    void an_ACCEPTED_report_for_a_FILLED_order_is_an_illegal_transition_and_changes_nothing() {
        Order order = oms.submit(market("c1", Side.BUY, 10));
        int seen = recorder.orders.size();

        sim.accept(order.id());
        oms.sync();

        assertThat(oms.order(order.id())).contains(order);
        assertThat(oms.illegalTransitions()).isEqualTo(1);
        assertThat(recorder.orders).hasSize(seen);
    }

    @Test
    void a_fill_that_crosses_a_cancel_is_booked_and_the_cancel_then_completes_for_the_rest() {
        sim.onSubmit = FakeVenue.OnSubmit.ACCEPT;
        sim.onCancel = FakeVenue.OnCancel.SILENT;
        Order order = oms.submit(limit("c1", Side.BUY, 10, "100.10"));
        oms.cancel(order.id());

        sim.fill(order.id(), Quantity.ofWhole(4), Price.of("100.10"));
        oms.sync();
        Order pending = oms.order(order.id()).orElseThrow();
        assertThat(pending.status()).isEqualTo(PENDING_CANCEL);
        assertThat(pending.filledQuantity()).isEqualTo(Quantity.ofWhole(4));

        sim.report(order.id(), ExecType.CANCELED, null);
        oms.sync();

        Order canceled = oms.order(order.id()).orElseThrow();
        assertThat(canceled.status()).isEqualTo(CANCELED);
        assertThat(canceled.filledQuantity()).isEqualTo(Quantity.ofWhole(4));
        assertThat(recorder.fills).hasSize(1);
    }

    @Test
    void a_cancel_that_loses_the_race_ends_FILLED() {
        sim.onSubmit = FakeVenue.OnSubmit.ACCEPT;
        sim.onCancel = FakeVenue.OnCancel.SILENT;
        Order order = oms.submit(limit("c1", Side.BUY, 10, "100.10"));
        oms.cancel(order.id());

        sim.fill(order.id(), Quantity.ofWhole(10), Price.of("100.10"));
        sim.report(order.id(), ExecType.REJECTED, "too late to cancel");
        oms.sync();

        assertThat(oms.order(order.id()).orElseThrow().status()).isEqualTo(FILLED);
    }

    @Test
    void a_late_fill_after_CANCELED_is_booked_but_the_order_stays_CANCELED() {
        sim.onSubmit = FakeVenue.OnSubmit.ACCEPT;
        Order order = oms.submit(limit("c1", Side.BUY, 10, "100.10"));
        oms.cancel(order.id());

        sim.fill(order.id(), Quantity.ofWhole(2), Price.of("100.10"));
        oms.sync();

        Order after = oms.order(order.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(CANCELED);
        assertThat(after.filledQuantity()).isEqualTo(Quantity.ofWhole(2));
        assertThat(after.reason()).isEqualTo("canceled on request; late fill 2 @ 100.1");
        assertThat(recorder.fills).singleElement().extracting(f -> f.quantity()).isEqualTo(Quantity.ofWhole(2));
        assertThat(oms.lateFills()).isEqualTo(1);
    }

    @Test
    void orders_at_a_removed_venue_stay_open_and_a_cancel_completes_locally() {
        sim.onSubmit = FakeVenue.OnSubmit.ACCEPT;
        Order order = oms.submit(limit("c1", Side.BUY, 10, "99.50"));

        oms.venueRemoved(sim.id(), sim);
        assertThat(oms.order(order.id()).orElseThrow().status()).isEqualTo(ACCEPTED);
        assertThat(oms.venues()).isEmpty();

        // The venue comes back as a new instance: it does not know the old order.
        FakeVenue restarted = new FakeVenue("SIM", FakeVenue.OnSubmit.ACCEPT);
        oms.venueAdded(restarted.id(), restarted);
        CommandResult result = oms.cancel(order.id());

        assertThat(result.accepted()).isTrue();
        assertThat(result.order().status()).isEqualTo(CANCELED);
        assertThat(result.order().reason()).isEqualTo("venue SIM removed; canceled locally");
        assertThat(sim.cancels).isEmpty();
        assertThat(restarted.cancels).isEmpty();
    }

    @Test
    void a_failing_listener_does_not_stop_the_others_or_the_order() {
        listeners.add(new OrderStepListener() {
            @Override
            public void onOrder(Order order) {
                throw new IllegalStateException("boom");
            }
        });
        Fixtures.Recorder second = new Fixtures.Recorder();
        listeners.add(second);

        Order order = oms.submit(market("c1", Side.BUY, 10));

        assertThat(order.status()).isEqualTo(FILLED);
        assertThat(second.fills).hasSize(1);
        assertThat(listeners.failures()).isPositive();
    }

    @Test
    void a_listener_added_twice_sees_each_fill_once() {
        // The OMS component adds the position keeper before recovery, and the whiteboard offers it again.
        listeners.add(recorder);

        oms.submit(market("c1", Side.BUY, 10));

        assertThat(recorder.fills).hasSize(1);
        assertThat(listeners.size()).isEqualTo(1);
    }

    @Test
    void many_portfolios_trading_from_many_threads_get_unique_ids_and_every_order_FILLED() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Order>> results = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            int n = i;
            results.add(pool.submit(() -> oms.submit(OrderRequest.market(ClientOrderId.of("c" + n),
                    PortfolioId.of("p" + (n % 7)), AAPL, Side.BUY, Quantity.ofWhole(1)))));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        for (Future<Order> result : results) {
            assertThat(result.get().status()).isEqualTo(FILLED);
        }
        assertThat(oms.orders()).hasSize(400).extracting(Order::id).doesNotHaveDuplicates().isSorted();
        assertThat(recorder.fills).hasSize(400);
    }

    @Test
    void only_the_most_recent_finished_orders_stay_in_memory() {
        try (Harness small = new Harness(new DirectRouter(null), 2, new FakeVenue("SIM", FakeVenue.OnSubmit.FILL))) {
            for (int i = 1; i <= 10; i++) {
                small.oms.submit(market("c" + i, Side.BUY, 1));
            }

            // 2 partitions × 1 kept: everything went through one portfolio, so one partition keeps the last.
            assertThat(small.oms.orders()).extracting(o -> o.clientOrderId().value()).containsExactly("c10");
            assertThat(small.oms.order(ClientOrderId.of("c1"))).isEmpty();
            assertThat(small.recorder.fills).hasSize(10);
        }
    }

    @Test
    void an_open_order_is_never_dropped_from_memory() {
        try (Harness small = new Harness(new DirectRouter(null), 2, new FakeVenue("SIM", FakeVenue.OnSubmit.ACCEPT))) {
            Order open = small.oms.submit(limit("open", Side.BUY, 1, "90"));
            for (int i = 1; i <= 5; i++) {
                small.oms.submit(limit("d" + i, Side.BUY, 1, "90.001"));
            }

            assertThat(small.oms.order(open.id())).isPresent();
        }
    }
}
