package org.nautilus.grid.internal.store;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Position;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.store.StoredOrder;
import org.nautilus.grid.internal.journal.Durations;
import org.nautilus.grid.internal.journal.GroupCommit;
import org.nautilus.grid.internal.journal.Materializer;
import org.nautilus.grid.internal.store.PositionCodecs.PositionKey;

/**
 * How the trading store makes a group of units durable, and where it keeps the orders that come of it; chosen once
 * when the store opens ({@link StoreSettings#journaled}), so that the store's other parts never ask which:
 * <ul>
 * <li>{@link DirectWrites}: a group is one replicated Ignite transaction over every cache it touches; acknowledged
 *     after that transaction (a cluster);</li>
 * <li>{@link JournaledWrites}: a group is one fsynced record of the store's own journal, written behind into the
 *     caches; acknowledged after the journal sync (a single persistent node).</li>
 * </ul>
 * The risk state, positions and audit entries are in the same caches either way.
 */
interface WriteStrategy extends GroupCommit.Writer<Unit>, AutoCloseable {

    Optional<StoredOrder> order(OrderId id);

    Optional<OrderId> orderId(ClientOrderId clientOrderId);

    /** The order's events, oldest first. */
    List<OrderEvent> events(OrderId id);

    /** Every order once, at its latest state. */
    void forEachOrder(Consumer<StoredOrder> action);

    /**
     * The client-visible events of a portfolio after {@code sequence}, in sequence order, if this strategy reads
     * them faster than order by order; empty to let the caller read them order by order.
     */
    Optional<List<OrderEvent>> eventsAfter(PortfolioId portfolio, long sequence);

    long orderCount();

    /** Order events stored (for the log when the store opens). */
    long eventCount();

    /** A position acknowledged but not yet in the positions cache, if any. */
    Optional<Position> unwrittenPosition(PositionKey key);

    /** Waits until the caches hold every unit acknowledged so far. */
    void caughtUp();

    /** The journal sequence the caches cover; 0 without a journal. Call after {@link #caughtUp()}. */
    long coveredJournalSequence();

    /** {@code true} if a unit is acknowledged after the journal sync. */
    boolean journaled();

    /** The journal's orders, {@code null} without a journal. */
    OrderLog orderLog();

    /** The materializer's counters, {@code null} without a journal. */
    Materializer.Stats materializerStats();

    /** How long the journal's syncs took, {@code null} without one. */
    Durations.Snapshot journalSyncTimes();

    /** Bytes appended to the journal since the store opened, 0 without one. */
    long journalBytes();

    /** Where the strategy keeps things, after {@code grid} (the node's description) and {@code grouping}. */
    String description(String grid, String grouping);

    /** Stops writing behind (after the group commit has stopped); nothing more is acknowledged. */
    @Override
    void close();
}
