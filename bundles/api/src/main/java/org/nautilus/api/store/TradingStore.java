package org.nautilus.api.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.oms.OrderEvent;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The durable trading state of the OMS: orders, their events and fills, and idempotency keys (client order id
 * to order id), written in units of work that commit atomically and are grouped into few transactions (see the
 * package documentation). Implemented by the grid bundle (Ignite, native persistence, WAL mode FSYNC by default);
 * the same provider's {@link org.nautilus.api.portfolio.PositionStore} and {@link RiskStateStore} write into
 * the unit of work open on the calling thread, so a fill and the position it changes commit together.
 *
 * <p>Threading: a unit of work belongs to the thread that opened it; writes outside any unit are a unit of their
 * own, committed and made durable before the call returns. Units are committed in the order they were ended.
 */
@ProviderType
public interface TradingStore {

    /** Service property naming the implementation, e.g. {@code ignite} or {@code memory}. */
    String TYPE_PROPERTY = "store.type";

    /**
     * Opens a unit of work on the calling thread, or joins the one already open (units nest; only the outermost
     * {@link #end()} hands the unit to the committer).
     */
    void begin();

    /**
     * Ends the calling thread's unit of work. The outermost end hands the unit to the committer and returns its
     * {@link Commit}; a nested end returns {@link Commit#DONE} (the outer unit decides). A unit without writes
     * returns a commit that is durable once every unit handed over before it is.
     *
     * @throws IllegalStateException if no unit is open on this thread
     */
    Commit end();

    /** {@code true} if a unit of work is open on the calling thread. */
    boolean inUnitOfWork();

    /**
     * Records one change of one order: its new durable state and the event that made it (a FILL event's fill is
     * stored as a fill; the first event of a client-visible order stores its idempotency key). Within a unit, a
     * later state of the same order replaces an earlier one; events are appended.
     *
     * @param event the event, or {@code null} when only the OMS's working state of the order changed (a link of a
     *              contingent list, a flag)
     */
    void record(StoredOrder order, OrderEvent event);

    /**
     * Reserves {@code count} order ids that were never handed out before and never will be again, durably (a
     * restart or another node continues after them).
     *
     * @return the first id of the block; the block is {@code [first, first + count)}
     */
    long reserveOrderIds(int count);

    // ------------------------------------------------------------------ reads (recovery, queries)

    /** Every stored order, in no particular order. */
    void forEachOrder(Consumer<StoredOrder> action);

    Optional<StoredOrder> order(OrderId id);

    /** The order id of a client order id, if an order was stored with it. */
    Optional<OrderId> orderId(ClientOrderId clientOrderId);

    /** The stored events of an order, oldest first. */
    List<OrderEvent> events(OrderId id);

    /**
     * The stored client-visible events of {@code portfolio} after {@code sequence} (see
     * {@link OrderEvent#sequence()}), in sequence order: what a subscriber that saw up to {@code sequence} missed.
     * This default reads every stored order's events; a store with its events in commit order reads those.
     */
    default List<OrderEvent> eventsAfter(PortfolioId portfolio, long sequence) {
        List<OrderEvent> found = new ArrayList<>();
        forEachOrder(order -> {
            if (!order.internal() && order.order().portfolioId().equals(portfolio)) {
                for (OrderEvent event : events(order.id())) {
                    if (event.sequence() > sequence) {
                        found.add(event);
                    }
                }
            }
        });
        found.sort(Comparator.comparingLong(OrderEvent::sequence));
        return found;
    }

    /** The stored fills of an order, in execution order. */
    List<Fill> fills(OrderId id);

    /** Number of stored orders (split parts included). */
    long orderCount();

    /** Where and how the data is kept, e.g. {@code ignite (persistent, WAL FSYNC, /opt/nautilus/data/ignite)}. */
    String description();
}
