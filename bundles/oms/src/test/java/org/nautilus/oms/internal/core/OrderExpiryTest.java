package org.nautilus.oms.internal.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nautilus.api.domain.OrderStatus.ACCEPTED;
import static org.nautilus.api.domain.OrderStatus.CANCELED;
import static org.nautilus.api.domain.OrderStatus.EXPIRED;
import static org.nautilus.api.domain.OrderStatus.PENDING_CANCEL;
import static org.nautilus.oms.internal.core.Fixtures.limit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.Side;
import org.nautilus.api.domain.TimeInForce;
import org.nautilus.api.oms.OrderEventType;
import org.nautilus.api.oms.OrderList;
import org.nautilus.api.time.SimulatedPlatformClock;
import org.nautilus.api.venue.ExecType;
import org.nautilus.oms.internal.expiry.OrderExpiry;
import org.nautilus.oms.internal.expiry.SessionCalendar;
import org.nautilus.oms.internal.routing.DirectRouter;

/**
 * DAY and GTD orders expire through the OMS on the platform clock: a cancel at the venue ending EXPIRED, recorded
 * like any other event, also after a restart. The session here is 09:00-15:00 UTC; it starts Friday 2024-03-01 14:30.
 */
class OrderExpiryTest {

    private static final Instant START = Instant.parse("2024-03-01T14:30:00Z");
    private static final Instant CLOSE = Instant.parse("2024-03-01T15:00:00Z");
    private static final Map<String, String> SESSION = Map.of(SessionCalendar.ZONE, "UTC", SessionCalendar.OPEN,
            "09:00", SessionCalendar.CLOSE, "15:00");

    private final SimulatedPlatformClock clock = new SimulatedPlatformClock(START);
    private final MemoryTradingStore store = new MemoryTradingStore();
    private final FakeVenue sim = new FakeVenue("SIM", FakeVenue.OnSubmit.ACCEPT);
    private final List<AutoCloseable> started = new ArrayList<>();
    private OrderManager oms;
    private OrderExpiry expiry;

    /** An OMS over the store with its expiry, as the OMS component wires them. */
    private void start() {
        OrderListeners listeners = new OrderListeners();
        oms = OrderManager.builder(Fixtures.instruments(), new Fixtures.FakeRisk()).clock(clock.clock())
                .listeners(listeners).router(new DirectRouter(null)).partitions(2).store(store).build();
        expiry = new OrderExpiry(clock, SessionCalendar.DEFAULT, oms::expire);
        assertThat(expiry.configure(SESSION)).isTrue();
        listeners.add(expiry);
        oms.recover();
        expiry.track(oms.orders().stream().filter(o -> !o.status().isTerminal()).toList());
        expiry.start();
        oms.venueAdded(sim.id(), sim);
        started.add(expiry);
        started.add(oms);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : started) {
            c.close();
        }
    }

    private Order status(Order order) {
        oms.sync();
        return oms.order(order.id()).orElseThrow();
    }

    @Test
    void a_resting_DAY_order_expires_at_the_session_close_and_not_a_moment_before() {
        start();
        Order day = oms.submit(limit("day-1", Side.BUY, 10, "99"));
        assertThat(day.status()).isEqualTo(ACCEPTED);

        clock.advanceTo(CLOSE.minusMillis(1));
        assertThat(status(day).status()).isEqualTo(ACCEPTED);

        clock.advanceTo(CLOSE);
        Order expired = status(day);
        assertThat(expired.status()).isEqualTo(EXPIRED);
        assertThat(expired.reason()).isEqualTo("DAY order expired at the session close 2024-03-01T15:00Z[UTC]");
        assertThat(sim.cancels).extracting(Order::id).containsExactly(day.id());
        assertThat(oms.events(day.id())).extracting(e -> e.type()).endsWith(OrderEventType.PENDING_CANCEL,
                OrderEventType.EXPIRED);
        assertThat(expiry.waiting()).isZero();
    }

    @Test
    void a_GTD_order_expires_at_its_own_time_and_a_GTC_order_never() {
        start();
        Order gtd = oms.submit(limit("gtd-1", Side.BUY, 10, "99").withTimeInForce(TimeInForce.GTD,
                Instant.parse("2024-03-01T14:45:00Z")));
        Order gtc = oms.submit(limit("gtc-1", Side.BUY, 10, "99").withTimeInForce(TimeInForce.GTC, null));

        clock.advanceTo(Instant.parse("2024-03-01T14:45:00Z"));
        assertThat(status(gtd).status()).isEqualTo(EXPIRED);
        assertThat(status(gtd).reason()).isEqualTo("GTD order expired at its expire time 2024-03-01T14:45:00Z");

        clock.advanceTo(Instant.parse("2024-03-05T00:00:00Z"));
        assertThat(status(gtc).status()).isEqualTo(ACCEPTED);
    }

    @Test
    void a_DAY_order_entered_after_the_close_expires_at_the_next_sessions_close_after_the_weekend() {
        clock.advanceTo(Instant.parse("2024-03-01T16:00:00Z"));
        start();
        Order late = oms.submit(limit("late-1", Side.BUY, 10, "99"));

        clock.advanceTo(Instant.parse("2024-03-04T14:59:59Z"));
        assertThat(status(late).status()).isEqualTo(ACCEPTED);
        clock.advanceTo(Instant.parse("2024-03-04T15:00:00Z"));
        assertThat(status(late).status()).isEqualTo(EXPIRED);
    }

    @Test
    void a_venue_that_confirms_the_cancel_later_ends_the_order_EXPIRED_then() {
        start();
        sim.onCancel = FakeVenue.OnCancel.SILENT;
        Order day = oms.submit(limit("day-1", Side.BUY, 10, "99"));

        clock.advanceTo(CLOSE);
        assertThat(status(day).status()).isEqualTo(PENDING_CANCEL);
        clock.advanceTo(CLOSE.plusSeconds(10));
        assertThat(sim.cancels).hasSize(1); // asked once, not again while the venue thinks

        sim.report(day.id(), ExecType.CANCELED, null);
        assertThat(status(day).status()).isEqualTo(EXPIRED);
    }

    @Test
    void a_user_cancel_is_still_CANCELED_and_a_moved_close_applies_to_open_orders() {
        start();
        Order canceled = oms.submit(limit("day-1", Side.BUY, 10, "99"));
        Order open = oms.submit(limit("day-2", Side.BUY, 10, "99"));
        oms.cancel(canceled.id());
        assertThat(status(canceled).status()).isEqualTo(CANCELED);

        assertThat(expiry.configure(Map.of(SessionCalendar.ZONE, "UTC", SessionCalendar.CLOSE, "14:40"))).isTrue();
        clock.advanceTo(Instant.parse("2024-03-01T14:40:00Z"));

        assertThat(status(open).status()).isEqualTo(EXPIRED);
        assertThat(status(canceled).reason()).isEqualTo("canceled on request");
    }

    @Test
    void a_calendar_that_cannot_be_read_changes_nothing() {
        start();
        Order day = oms.submit(limit("day-1", Side.BUY, 10, "99"));

        assertThat(expiry.configure(Map.of(SessionCalendar.CLOSE, "25:00"))).isFalse();
        assertThat(expiry.calendar().close()).hasToString("15:00");
        clock.advanceTo(CLOSE);
        assertThat(status(day).status()).isEqualTo(EXPIRED);
    }

    @Test
    void an_order_whose_close_passed_while_the_OMS_was_down_expires_on_recovery_and_the_expiry_is_durable() {
        start();
        Order day = oms.submit(limit("day-1", Side.BUY, 10, "99"));
        Order gtc = oms.submit(limit("gtc-1", Side.BUY, 10, "99").withTimeInForce(TimeInForce.GTC, null));
        expiry.close();
        oms.close();

        clock.advanceTo(Instant.parse("2024-03-01T18:00:00Z")); // the node was down over the close
        start();
        clock.runDue(); // what is due at once (a live clock runs it on its thread)
        Order recovered = status(day);
        assertThat(recovered.status()).isEqualTo(EXPIRED);
        // The cancel was sent on recovery (the fake venue stamps its confirmation with a time of its own).
        assertThat(oms.events(day.id())).filteredOn(e -> e.type() == OrderEventType.PENDING_CANCEL).singleElement()
                .satisfies(e -> assertThat(e.timestamp()).isEqualTo(Instant.parse("2024-03-01T18:00:00Z")));
        assertThat(status(gtc).status()).isEqualTo(ACCEPTED);
        expiry.close();
        oms.close();

        start(); // and a third start reads the expiry from the store
        clock.runDue();
        assertThat(status(day).status()).isEqualTo(EXPIRED);
        assertThat(sim.cancels).as("expired once").hasSize(1);
        assertThat(oms.events(day.id())).extracting(e -> e.type()).contains(OrderEventType.EXPIRED);
    }

    /** A DAY order whose expiry's cancel is sent at the close, and the node stops before the venue confirms it. */
    private Order expiringWhenTheNodeStops() {
        start();
        sim.onCancel = FakeVenue.OnCancel.SILENT;
        Order day = oms.submit(limit("day-1", Side.BUY, 10, "99"));
        clock.advanceTo(CLOSE);
        assertThat(status(day).status()).isEqualTo(PENDING_CANCEL);
        expiry.close();
        oms.close();
        return day;
    }

    @Test
    void a_crash_between_the_expirys_cancel_and_its_confirmation_still_ends_the_order_EXPIRED_with_one_cancel() {
        Order day = expiringWhenTheNodeStops();

        clock.advanceTo(CLOSE.plusSeconds(60));
        start();
        clock.runDue();
        clock.advanceTo(CLOSE.plusSeconds(120)); // past any retry
        assertThat(status(day).status()).isEqualTo(PENDING_CANCEL);
        assertThat(sim.cancels).as("the expiry is sent once, not again after the restart").hasSize(1);

        sim.report(day.id(), ExecType.CANCELED, null);
        Order expired = status(day);
        assertThat(expired.status()).isEqualTo(EXPIRED);
        assertThat(expired.reason()).isEqualTo("DAY order expired at the session close 2024-03-01T15:00Z[UTC]");
        assertThat(oms.events(day.id())).filteredOn(e -> e.type() == OrderEventType.EXPIRED).hasSize(1);
        assertThat(expiry.waiting()).isZero();
    }

    @Test
    void a_venue_that_canceled_while_the_node_was_down_confirms_the_expiry_at_reconciliation() {
        Order day = expiringWhenTheNodeStops();

        sim.onReconcile = FakeVenue.OnReconcile.CANCEL;
        start();
        clock.runDue();
        Order expired = status(day);
        assertThat(expired.status()).isEqualTo(EXPIRED);
        assertThat(expired.reason()).isEqualTo("DAY order expired at the session close 2024-03-01T15:00Z[UTC]");
        assertThat(sim.cancels).hasSize(1);
    }

    @Test
    void an_OTO_child_not_yet_released_ends_with_its_expired_parent() {
        start();
        List<Order> placed = oms.submit(OrderList.oto(limit("parent", Side.BUY, 10, "99"),
                limit("child", Side.SELL, 10, "101")));
        OrderId child = placed.get(1).id();

        clock.advanceTo(CLOSE);

        assertThat(status(placed.get(0)).status()).isEqualTo(EXPIRED);
        Order after = oms.order(child).orElseThrow();
        assertThat(after.status().isTerminal()).as(after.toString()).isTrue();
        assertThat(expiry.waiting()).isZero();
    }
}
