package org.nautilus.grid.internal.store;

import static org.nautilus.grid.internal.store.IgniteTradingStore.AUDIT;
import static org.nautilus.grid.internal.store.IgniteTradingStore.BASELINES;
import static org.nautilus.grid.internal.store.IgniteTradingStore.CLIENT_IDS;
import static org.nautilus.grid.internal.store.IgniteTradingStore.EVENTS;
import static org.nautilus.grid.internal.store.IgniteTradingStore.GROUP;
import static org.nautilus.grid.internal.store.IgniteTradingStore.META;
import static org.nautilus.grid.internal.store.IgniteTradingStore.ORDERS;
import static org.nautilus.grid.internal.store.IgniteTradingStore.POSITIONS;
import static org.nautilus.grid.internal.store.IgniteTradingStore.TRADING_STATES;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.ignite.IgniteBinary;
import org.apache.ignite.transactions.Transaction;
import org.apache.ignite.transactions.TransactionConcurrency;
import org.apache.ignite.transactions.TransactionIsolation;
import org.nautilus.api.audit.AuditCategory;
import org.nautilus.api.audit.AuditEntry;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Money;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.domain.OrderType;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Position;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;
import org.nautilus.api.domain.TimeInForce;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.oms.OrderEventType;
import org.nautilus.api.risk.TradingState;
import org.nautilus.api.risk.TradingStatus;
import org.nautilus.api.store.DailyPnlBaseline;
import org.nautilus.api.store.StoredOrder;
import org.nautilus.grid.internal.node.Grid;
import org.nautilus.grid.internal.store.OrderCodecs.EventKey;
import org.nautilus.grid.internal.store.OrderCodecs.OrderRef;
import org.nautilus.grid.internal.store.OrderCodecs.StoredEvents;
import org.nautilus.grid.internal.store.PositionCodecs.PositionKey;
import org.nautilus.grid.internal.store.StateCodecs.Meta;
import org.nautilus.grid.internal.store.StateCodecs.PortfolioKey;
import org.nautilus.grid.internal.store.StateCodecs.Sequence;

/**
 * The trading store's caches on a running grid, opened with their binary types registered, and the transaction every
 * write of the store runs in. Shared by the parts of {@link IgniteTradingStore}; the caches are the same whichever
 * {@link WriteStrategy} writes them.
 */
final class StoreCaches {

    final Grid grid;
    final StoreSettings settings;
    /** This node's consistent id: the node of every audit entry it commits. */
    final String node;
    final BinaryCache<OrderId, StoredOrder> orders;
    final BinaryCache<EventKey, StoredEvents> events;
    final BinaryCache<ClientOrderId, OrderRef> clientIds;
    final BinaryCache<PositionKey, Position> positions;
    final BinaryCache<PortfolioKey, TradingStatus> tradingStates;
    final BinaryCache<PortfolioKey, DailyPnlBaseline> baselines;
    final BinaryCache<Sequence, AuditEntry> audit;
    final BinaryCache<String, Meta> meta;

    StoreCaches(Grid grid, StoreSettings settings) {
        this.grid = grid;
        this.settings = settings;
        this.node = grid.settings().consistentId();
        IgniteBinary binary = grid.ignite().binary();
        orders = open(ORDERS, OrderCodecs.ORDER_KEY, OrderCodecs.ORDER_ID, OrderCodecs.STORED_ORDER);
        events = open(EVENTS, OrderCodecs.EVENT_KEY, OrderCodecs.EVENT_ID, OrderCodecs.EVENTS);
        clientIds = open(CLIENT_IDS, OrderCodecs.CLIENT_KEY, OrderCodecs.CLIENT_ID, OrderCodecs.ORDER_REF);
        positions = BinaryCache.open(grid, GridCaches.transactional(POSITIONS, GROUP, grid.settings(),
                PositionCodecs.KEY_TYPE, PositionCodecs.AFFINITY_FIELD), PositionCodecs.KEY, PositionCodecs.VALUE);
        tradingStates = open(TRADING_STATES, StateCodecs.PORTFOLIO_KEY.typeName(), StateCodecs.PORTFOLIO_KEY,
                StateCodecs.TRADING_STATUS);
        baselines = open(BASELINES, StateCodecs.PORTFOLIO_KEY.typeName(), StateCodecs.PORTFOLIO_KEY,
                StateCodecs.BASELINE);
        audit = open(AUDIT, StateCodecs.SEQUENCE.typeName(), StateCodecs.SEQUENCE, StateCodecs.AUDIT);
        meta = open(META, StateCodecs.META_KEY.typeName(), StateCodecs.META_KEY, StateCodecs.META);
        registerTypes();
    }

    private <K, V> BinaryCache<K, V> open(String name, String keyType, BinaryCodec<K> keys, BinaryCodec<V> values) {
        return BinaryCache.open(grid, GridCaches.transactional(name, GROUP, grid.settings(), keyType, null), keys,
                values);
    }

    /**
     * Registers the binary metadata of every stored type with all its fields, optional ones included, before any
     * concurrent use: registering a type (or a new field) while transactions on several threads use it raced in
     * Ignite 2.17 (a transaction waited forever for a metadata write), and a field first used in production would
     * register then.
     */
    private void registerTypes() {
        Instant t = Instant.EPOCH;
        VenueId venue = VenueId.of("V");
        PortfolioId portfolio = PortfolioId.of("p");
        InstrumentId instrument = InstrumentId.of("I");
        OrderRequest request = new OrderRequest(ClientOrderId.of("type-registration"), portfolio, instrument,
                Side.BUY, OrderType.STOP_LIMIT, Quantity.ofWhole(1), Price.ofWhole(1), Price.ofWhole(1),
                TimeInForce.GTD, t, venue, false, true);
        Order order = new Order(OrderId.of(1), request, OrderStatus.PARTIALLY_FILLED, Quantity.ofWhole(1),
                Price.ofWhole(1), venue, "r", t, t);
        Fill fill = new Fill("x", OrderId.of(1), portfolio, instrument, venue, Side.BUY, Quantity.ofWhole(1),
                Price.ofWhole(1), Money.ZERO, t);
        OrderEvent event = new OrderEvent(2, OrderEventType.FILL, order, fill, "r", t, 0);
        orders.encodeKey(OrderId.of(1));
        orders.encodeValue(new StoredOrder(order, 2, true, new byte[] {1}));
        events.encodeKey(new EventKey(OrderId.of(1), 1));
        events.encodeValue(new StoredEvents(List.of(event), 1, "n"));
        clientIds.encodeKey(ClientOrderId.of("c"));
        clientIds.encodeValue(new OrderRef(OrderId.of(1)));
        positions.encodeKey(new PositionKey(portfolio, instrument));
        positions.encodeValue(Position.flat(portfolio, instrument, t));
        tradingStates.encodeKey(new PortfolioKey("p"));
        tradingStates.encodeValue(new TradingStatus(portfolio, TradingState.HALTED, "r", t));
        baselines.encodeValue(new DailyPnlBaseline(portfolio, LocalDate.EPOCH, Money.ZERO, Money.ZERO, t));
        audit.encodeKey(new Sequence(1));
        audit.encodeValue(new AuditEntry(1, t, AuditCategory.RISK, "T", "s", portfolio, "n", "d", Map.of("k", "v")));
        meta.encodeKey("k");
        meta.encodeValue(new Meta(1, "t"));
    }

    /** A PESSIMISTIC / REPEATABLE_READ transaction of about {@code size} entries, bounded by the commit timeout. */
    Transaction transaction(int size) {
        return transaction(size, settings.commitTimeout().toMillis());
    }

    /** A PESSIMISTIC / REPEATABLE_READ transaction of about {@code size} entries, bounded by {@code timeoutMs}. */
    Transaction transaction(int size, long timeoutMs) {
        return grid.ignite().transactions().txStart(TransactionConcurrency.PESSIMISTIC,
                TransactionIsolation.REPEATABLE_READ, timeoutMs, size);
    }

    /** A stored number of the store's bookkeeping, 0 if none. */
    long number(String key) {
        return meta.get(key).map(Meta::number).orElse(0L);
    }

    /** {@code true} if a unit writes OMS state (orders, events, positions), which the epoch fence guards. */
    static boolean carriesOmsState(Unit unit) {
        return !unit.orders.isEmpty() || !unit.events.isEmpty() || !unit.positions.isEmpty();
    }

    /** The rows of the risk state and the audit entries of several units, each key at its latest. */
    final class RiskAndAudit {
        private final Map<PortfolioKey, TradingStatus> statuses = new HashMap<>();
        private final Map<PortfolioKey, DailyPnlBaseline> baselineRows = new HashMap<>();
        private final Map<Sequence, AuditEntry> audits = new HashMap<>();

        /** Adds a numbered unit's (a later unit's state replaces an earlier one's). */
        void add(Unit unit) {
            unit.tradingStatuses.forEach((k, v) -> statuses.put(new PortfolioKey(k), v));
            unit.baselines.forEach((k, v) -> baselineRows.put(new PortfolioKey(k.value()), v));
            // Numbered by Unit.number: after the unit's events.
            unit.audits.forEach(d -> audits.put(new Sequence(d.assigned()[0]), new AuditEntry(d.assigned()[0],
                    d.timestamp(), d.category(), d.type(), d.subject(), d.portfolio(), node, d.detail(),
                    d.fields())));
        }

        int size() {
            return statuses.size() + baselineRows.size() + audits.size();
        }

        /** Inside the caller's transaction. */
        void write() {
            tradingStates.putAll(statuses);
            baselines.putAll(baselineRows);
            audit.putAll(audits);
        }
    }
}
