package org.nautilus.api.venue;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderType;
import org.nautilus.api.domain.TimeInForce;
import org.nautilus.api.domain.VenueId;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * An execution venue (simulated exchange, FIX session, broker), published as an OSGi service with the
 * property {@code venue.id=<id>}. The venue reports everything that happens to an order through the
 * {@link ExecutionListener} given with it, from any thread; it never blocks the caller on the network.
 */
@ConsumerType
public interface Venue {

    /** Service property carrying the venue id. */
    String ID_PROPERTY = "venue.id";

    VenueId id();

    /** One line for listings, e.g. {@code simulated exchange, fee 2 bps, latency 0 ms}. */
    String description();

    /** Sends a new order; the venue answers with ACCEPTED or REJECTED, then fills. */
    void submit(Order order, ExecutionListener listener);

    /** Asks to cancel an open order; the venue answers with CANCELED or, if too late, nothing but fills. */
    void cancel(Order order, ExecutionListener listener);

    /** {@code true} if {@link #amend} is supported; otherwise an amend must be done as cancel + new order. */
    default boolean supportsAmend() {
        return false;
    }

    /**
     * Asks to amend (cancel-replace) an open order to the limit price and quantity of
     * {@code amended.request()} (the quantity is the new total, fills included). The venue answers REPLACED,
     * or REPLACE_REJECTED with a reason (the order then works unchanged); a new quantity at or below the
     * filled quantity cancels the rest (CANCELED). Like real exchanges, reducing the quantity keeps the
     * order's time priority, a price change or a larger quantity loses it; a replaced order that crosses
     * trades at once. The default refuses every amend.
     */
    default void amend(Order amended, ExecutionListener listener) {
        listener.onReport(ExecutionReport.of(amended.id(), id(), ExecType.REPLACE_REJECTED, "amend-" + amended.id(),
                "venue " + id() + " does not support amends: cancel and submit a new order", Instant.now()));
    }

    /**
     * Reconciliation after the OMS restarted: the OMS recovered {@code order} from its store as still open at this
     * venue and asks what became of it. The venue answers through {@code listener} (which replaces the listener the
     * order was sent with) with whatever happened that the OMS has not seen: fills, CANCELED, EXPIRED; or with
     * nothing if the order still works unchanged. A venue that keeps no orders across a restart reports CANCELED
     * with a reason saying so. The default knows nothing and reports nothing: the order stays open and can be
     * canceled.
     */
    default void reconcile(Order order, ExecutionListener listener) {
    }

    /**
     * The orders open at the venue now, ours and any others on the same account, for reconciliation on every
     * connect. A venue that cannot ask answers {@link VenueQuery#failed}, never an empty list. Called off the
     * OMS's writer threads; may block on the network.
     *
     * @since 1.3
     */
    default VenueQuery<List<VenueOrder>> openOrders() {
        return VenueQuery.unsupported("venue " + id() + " cannot list its open orders");
    }

    /**
     * The executions since {@code since} (as far back as the venue keeps them), for reconciliation: fills the OMS
     * missed while disconnected are booked from these, deduplicated by execution id.
     *
     * @since 1.3
     */
    default VenueQuery<List<VenueExecution>> executions(Instant since) {
        return VenueQuery.unsupported("venue " + id() + " cannot list its executions");
    }

    /** The account's positions at the venue, compared with the OMS's fills there. @since 1.3 */
    default VenueQuery<List<VenuePosition>> positions() {
        return VenueQuery.unsupported("venue " + id() + " keeps no positions");
    }

    /** {@code true} while the venue can take orders (its session is up). Default: always. @since 1.3 */
    default boolean connected() {
        return true;
    }

    /**
     * Gives the venue the listener to tell when its connection comes and goes ({@code null}: nobody listens any
     * more). A venue that is always connected ignores it. @since 1.3
     */
    default void connectionListener(VenueConnectionListener listener) {
    }

    /**
     * The current order book of an instrument, at most {@code levels} price levels per side, for depth
     * displays and the smart order router; empty if the venue has no book for it or does not show one.
     */
    default Optional<BookDepth> depth(InstrumentId instrument, int levels) {
        return Optional.empty();
    }

    /** The venue's maker/taker fees, if it publishes them. */
    default Optional<FeeSchedule> fees() {
        return Optional.empty();
    }

    /** Typical one-way latency to the venue (order to acknowledgement), for the router's estimates. */
    default Duration latency() {
        return Duration.ZERO;
    }

    /**
     * When the venue takes orders; empty (the default): at any time. The pre-trade venue check denies an order for
     * a venue outside its session.
     *
     * @since 1.4
     */
    default Optional<TradingHours> tradingHours() {
        return Optional.empty();
    }

    /** The order types the venue accepts; default: every type. @since 1.4 */
    default Set<OrderType> orderTypes() {
        return EnumSet.allOf(OrderType.class);
    }

    /** The times in force the venue accepts; default: every one. @since 1.4 */
    default Set<TimeInForce> timesInForce() {
        return EnumSet.allOf(TimeInForce.class);
    }
}
