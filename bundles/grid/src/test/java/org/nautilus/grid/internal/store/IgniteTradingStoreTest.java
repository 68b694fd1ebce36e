package org.nautilus.grid.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.binary.BinaryObject;
import org.apache.ignite.cache.CacheAtomicityMode;
import org.apache.ignite.cache.affinity.Affinity;
import org.apache.ignite.configuration.CacheConfiguration;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;
import org.apache.ignite.transactions.Transaction;
import org.apache.ignite.transactions.TransactionConcurrency;
import org.apache.ignite.transactions.TransactionIsolation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.api.audit.AuditCategory;
import org.nautilus.api.audit.AuditEntry;
import org.nautilus.api.audit.AuditFormat;
import org.nautilus.api.audit.AuditQuery;
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
import org.nautilus.api.domain.RejectCode;
import org.nautilus.api.domain.Side;
import org.nautilus.api.domain.TimeInForce;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.oms.OrderEventType;
import org.nautilus.api.risk.TradingState;
import org.nautilus.api.risk.TradingStatus;
import org.nautilus.api.store.DailyPnlBaseline;
import org.nautilus.api.store.StoredOrder;
import org.nautilus.grid.internal.journal.JournalFile;
import org.nautilus.grid.internal.node.EmbeddedGrid;
import org.nautilus.grid.internal.node.GridSettings;
import org.nautilus.grid.internal.node.GridStartupException;
import org.nautilus.grid.internal.store.OrderCodecs.EventKey;
import org.nautilus.grid.internal.store.PositionCodecs.PositionKey;

/** A real Ignite node with native persistence in a temporary directory, on test-only loopback ports. */
class IgniteTradingStoreTest {

    static final int DISCOVERY_PORT = 48731;
    static final int COMMUNICATION_PORT = 48831;
    static final Instant T = Instant.parse("2024-03-01T14:30:00.123456789Z");
    static final PortfolioId ALPHA = PortfolioId.of("alpha");

    @TempDir
    Path tmp;

    private EmbeddedGrid grid;
    private IgniteTradingStore store;

    @AfterEach
    void stop() {
        stopNode();
    }

    private Path work() {
        return tmp.resolve("ignite");
    }

    private GridSettings settings() {
        return GridSettings.localNode("store-test", work(), DISCOVERY_PORT, COMMUNICATION_PORT);
    }

    private StoreSettings storeSettings() {
        return StoreSettings.defaults(work());
    }

    private IgniteTradingStore start() {
        return start(settings(), storeSettings());
    }

    private IgniteTradingStore start(GridSettings gridSettings, StoreSettings storeSettings) {
        grid = EmbeddedGrid.start(gridSettings, getClass().getClassLoader());
        store = IgniteTradingStore.open(grid, storeSettings);
        return store;
    }

    private void stopNode() {
        if (store != null) {
            store.close();
            store = null;
        }
        if (grid != null) {
            grid.close();
            grid = null;
        }
    }

    static Position position(String portfolio, String instrument, String qty, String avg, String pnl, String fees,
            long fills, Instant at) {
        return new Position(PortfolioId.of(portfolio), InstrumentId.of(instrument), Quantity.of(qty), Price.of(avg),
                Money.of(pnl), Money.of(fees), fills, at);
    }

    static OrderRequest request(String clientId) {
        return new OrderRequest(ClientOrderId.of(clientId), ALPHA, InstrumentId.of("AAPL"), Side.BUY,
                OrderType.STOP_LIMIT, Quantity.of("150.5"), Price.of("187.12345678"), Price.of("186"), TimeInForce.GTD,
                Instant.parse("2024-03-02T00:00:00Z"), VenueId.of("SIM"), false, true);
    }

    static Order order(long id, String clientId, OrderStatus status, String filled, String average) {
        return new Order(OrderId.of(id), request(clientId), status, Quantity.of(filled),
                average == null ? null : Price.of(average), VenueId.of("SIM"), status.isTerminal() ? "done" : null,
                T, T.plusSeconds(1));
    }

    static Fill fill(long orderId, String executionId, String qty, String price) {
        return new Fill(executionId, OrderId.of(orderId), ALPHA, InstrumentId.of("AAPL"), VenueId.of("SIM"), Side.BUY,
                Quantity.of(qty), Price.of(price), Money.of("-0.01"), T.plusSeconds(2));
    }

    @Test
    void a_store_of_an_earlier_stored_order_format_is_refused_at_start_naming_the_upgrade_notes() {
        IgniteTradingStore s = start();
        String id = s.storeId();
        assertThat(s.meta.get(IgniteTradingStore.META_FORMAT).orElseThrow().number()).isEqualTo(StoreIdentity.FORMAT);
        // What an earlier version left behind: no format entry (it wrote none).
        s.meta.remove(IgniteTradingStore.META_FORMAT);
        stopNode();

        assertThatThrownBy(this::start).isInstanceOf(GridStartupException.class)
                .hasMessageContaining("store " + id).hasMessageContaining("stored-order format 1")
                .hasMessageContaining("reads format 2 only").hasMessageContaining("README.md");
    }

    /**
     * Without the journal (a cluster), a group's transaction that times out (here behind a lock another transaction
     * holds longer than one attempt's third of the commit timeout; in a rolling restart, behind a partition-map
     * exchange) wrote nothing and is tried again: the save commits, and the store keeps committing.
     */
    @Test
    void a_transaction_that_timed_out_and_wrote_nothing_is_tried_again_and_the_store_keeps_committing()
            throws Exception {
        IgniteTradingStore s = start(settings(), storeSettings().withJournal(StoreSettings.JournalMode.OFF)
                .withCommitTimeout(Duration.ofSeconds(6)));
        Position first = position("alpha", "AAPL", "1", "1", "0", "0", 1, T);
        s.save(first);
        CountDownLatch locked = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            try (Transaction tx = grid.ignite().transactions().txStart(TransactionConcurrency.PESSIMISTIC,
                    TransactionIsolation.REPEATABLE_READ)) {
                s.positions.get(PositionKey.of(first));
                locked.countDown();
                Thread.sleep(2500);
                tx.rollback();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        holder.start();
        assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
        long t0 = System.nanoTime();
        Position second = position("alpha", "AAPL", "2", "1", "0", "0", 2, T.plusSeconds(1));
        s.save(second);
        long tookMs = (System.nanoTime() - t0) / 1_000_000;
        holder.join();

        assertThat(tookMs).as("the first attempt (2 s) timed out behind the 2.5 s lock").isGreaterThanOrEqualTo(2000);
        assertThat(s.load(ALPHA, InstrumentId.of("AAPL"))).contains(second);
        assertThat(s.groupCommit().failure()).isNull();
        Position third = position("alpha", "AAPL", "3", "1", "0", "0", 3, T.plusSeconds(2));
        s.save(third);
        assertThat(s.load(ALPHA, InstrumentId.of("AAPL"))).contains(third);
    }

    @Test
    void everything_a_unit_writes_commits_together_and_survives_a_restart_exactly() {
        IgniteTradingStore s = start();
        assertThat(s.description()).contains("FSYNC").contains(work().toString());
        Order initialized = order(7, "c-7", OrderStatus.INITIALIZED, "0", null);
        Order partial = order(7, "c-7", OrderStatus.PARTIALLY_FILLED, "50", "187");
        Fill fill = fill(7, "SIM-1", "50", "187");
        StoredOrder latest = new StoredOrder(partial, 3, false, new byte[] {1, 2, 3, -4});
        Position position = position("alpha", "AAPL", "50", "187", "0", "-0.01", 1, T);
        TradingStatus halted = new TradingStatus(ALPHA, TradingState.HALTED, "daily loss review", T);
        DailyPnlBaseline baseline = new DailyPnlBaseline(ALPHA, LocalDate.of(2024, 3, 1), Money.of("-12.5"),
                Money.of("3"), T);

        s.begin();
        s.record(StoredOrder.of(initialized, 1),
                new OrderEvent(1, OrderEventType.INITIALIZED, initialized, null, null, T, 1));
        s.record(latest, new OrderEvent(2, OrderEventType.ACCEPTED, order(7, "c-7", OrderStatus.ACCEPTED, "0", null),
                null, null, T, 2));
        s.record(latest, new OrderEvent(3, OrderEventType.FILL, partial, fill, null, T.plusSeconds(2), 3));
        s.save(position);
        assertThat(s.order(OrderId.of(7))).as("nothing is visible before the unit commits").isEmpty();
        s.end().await();
        s.save(halted);
        s.save(baseline);
        long ids = s.reserveOrderIds(1000);

        stopNode();
        IgniteTradingStore reopened = start();

        assertThat(reopened.order(OrderId.of(7))).contains(latest);
        assertThat(reopened.events(OrderId.of(7))).extracting(OrderEvent::type)
                .containsExactly(OrderEventType.INITIALIZED, OrderEventType.ACCEPTED, OrderEventType.FILL);
        assertThat(reopened.eventsAfter(partial.portfolioId(), 1)).as("what a subscriber that saw 1 missed")
                .extracting(OrderEvent::sequence).containsExactly(2L, 3L);
        assertThat(reopened.eventsAfter(PortfolioId.of("nobody"), 0)).isEmpty();
        assertThat(reopened.events(OrderId.of(7)).get(2).order()).isEqualTo(partial);
        assertThat(reopened.fills(OrderId.of(7))).containsExactly(fill);
        assertThat(reopened.orderId(ClientOrderId.of("c-7"))).contains(OrderId.of(7));
        assertThat(reopened.loadAll()).containsExactly(position);
        assertThat(reopened.tradingStatuses()).containsExactly(halted);
        assertThat(reopened.dailyPnlBaselines()).containsExactly(baseline);
        assertThat(reopened.reserveOrderIds(1000)).isEqualTo(ids + 1000);
        assertThat(reopened.orderCount()).isEqualTo(1);

        List<AuditEntry> journal = new AuditJournal(reopened).query(AuditQuery.all());
        assertThat(journal).extracting(AuditEntry::type)
                .containsExactly("INITIALIZED", "ACCEPTED", "FILL", "TRADING_STATE", "DAILY_BASELINE");
        assertThat(journal).extracting(AuditEntry::sequence).isSorted().doesNotHaveDuplicates();
        assertThat(journal.get(2).detail()).isEqualTo("BUY 150.5 AAPL STOP_LIMIT @ 187.12345678 stop 186 -> "
                + "PARTIALLY_FILLED, fill 50 @ 187 (SIM-1) at SIM");
        assertThat(journal.get(2).fields()).containsEntry("clientOrderId", "c-7").containsEntry("fillPrice", "187");
        assertThat(journal.get(3).category()).isEqualTo(AuditCategory.RISK);
        assertThat(journal.get(3).detail()).contains("alpha HALTED").contains("daily loss review");
    }

    /**
     * Without the journal the order and event caches hold the journal's encoding (one codec of an order); rows written
     * before in the nested binary layout are still read, beside the new ones, after a restart and by the audit journal.
     */
    @Test
    void the_order_caches_hold_the_journal_encoding_and_still_read_rows_of_the_earlier_layout() {
        IgniteTradingStore s = start(settings(), storeSettings().withJournal(StoreSettings.JournalMode.OFF));
        Order partial = order(7, "c-7", OrderStatus.PARTIALLY_FILLED, "50", "187");
        StoredOrder stored = new StoredOrder(partial, 3, false, new byte[] {1, 2, 3, -4});
        s.begin();
        s.record(stored, new OrderEvent(3, OrderEventType.FILL, partial, fill(7, "SIM-1", "50", "187"), null, T, 1));
        s.end().await();
        Order earlier = new Order(OrderId.of(8), request("c-8"), OrderStatus.DENIED, Quantity.ZERO, null, null,
                "max-notional", RejectCode.MAX_NOTIONAL, T, T);
        OrderEvent earlierEvent = new OrderEvent(2, OrderEventType.DENIED, earlier, null, "max-notional", T, 2);
        s.orders.putAllEncoded(Map.of(s.orders.encodeKey(earlier.id()),
                EarlierLayout.storedOrder(grid.ignite().binary(), new StoredOrder(earlier, 2, true, new byte[0]))));
        s.events.putAllEncoded(Map.of(s.events.encodeKey(new EventKey(earlier.id(), 2)),
                EarlierLayout.events(grid.ignite().binary(), 2, "n", earlierEvent)));

        BinaryObject row = (BinaryObject) grid.ignite().cache(IgniteTradingStore.ORDERS).withKeepBinary()
                .get(s.orders.encodeKey(OrderId.of(7)));
        assertThat(row.type().fieldNames()).contains(OrderCodecs.JOURNAL_FORM);
        assertThat(row.hasField("order")).as("no nested order any more").isFalse();
        byte[] form = row.field(OrderCodecs.JOURNAL_FORM);
        assertThat(OrderJournalCodec.decodeStoredOrder(form)).isEqualTo(stored);
        assertThat(s.order(OrderId.of(8))).contains(new StoredOrder(earlier, 2, true, new byte[0]));

        stopNode();
        IgniteTradingStore reopened = start(settings(), storeSettings().withJournal(StoreSettings.JournalMode.OFF));
        assertThat(reopened.order(OrderId.of(7))).contains(stored);
        assertThat(reopened.order(OrderId.of(8))).contains(new StoredOrder(earlier, 2, true, new byte[0]));
        List<StoredOrder> all = new ArrayList<>();
        reopened.forEachOrder(all::add);
        assertThat(all).extracting(StoredOrder::id).containsExactlyInAnyOrder(OrderId.of(7), OrderId.of(8));
        assertThat(reopened.events(OrderId.of(7))).singleElement().satisfies(e -> {
            assertThat(e.order()).isEqualTo(partial);
            assertThat(e.fill()).isEqualTo(fill(7, "SIM-1", "50", "187"));
        });
        assertThat(reopened.events(OrderId.of(8))).containsExactly(earlierEvent);
        BinaryObject events = (BinaryObject) grid.ignite().cache(IgniteTradingStore.EVENTS).withKeepBinary()
                .get(reopened.events.encodeKey(new EventKey(OrderId.of(7), 3)));
        assertThat(events.hasField(OrderCodecs.EVENTS_FIELD)).as("no nested events any more").isFalse();
        List<AuditEntry> audit = new AuditJournal(reopened).query(AuditQuery.all());
        assertThat(audit).extracting(AuditEntry::subject).contains("7", "8");
        assertThat(new AuditJournal(reopened).query(new AuditQuery(null, null, null, "8", null, 100)))
                .extracting(AuditEntry::type).containsExactly("DENIED");
        assertThat(new AuditJournal(reopened).query(new AuditQuery(null, null, null, "7", ALPHA, 100)))
                .extracting(AuditEntry::type).containsExactly("FILL");
    }

    @Test
    void a_refused_orders_reject_code_survives_a_restart() {
        IgniteTradingStore s = start();
        Order denied = new Order(OrderId.of(20), request("c-20"), OrderStatus.DENIED, Quantity.ZERO, null, null,
                "max-notional: 1000000 > 500000", RejectCode.MAX_NOTIONAL, T, T);
        s.begin();
        s.record(StoredOrder.of(denied, 2), new OrderEvent(2, OrderEventType.DENIED, denied, null, denied.reason(), T,
                1));
        s.end().await();

        stopNode();
        IgniteTradingStore reopened = start();

        assertThat(reopened.order(OrderId.of(20))).hasValueSatisfying(
                o -> assertThat(o.order().rejectCode()).isEqualTo(RejectCode.MAX_NOTIONAL));
        assertThat(reopened.events(OrderId.of(20))).singleElement()
                .satisfies(e -> assertThat(e.order().rejectCode()).isEqualTo(RejectCode.MAX_NOTIONAL));
    }

    @Test
    void the_audit_journal_filters_and_exports_csv_and_json_lines() throws Exception {
        IgniteTradingStore s = start();
        AuditJournal audit = new AuditJournal(s);
        Order o = order(1, "c-1", OrderStatus.INITIALIZED, "0", null);
        s.record(StoredOrder.of(o, 1), new OrderEvent(1, OrderEventType.INITIALIZED, o, null, null, T, 0));
        AuditEntry limit = audit.record(AuditCategory.RISK, "LIMIT", "nautilus.risk.max_notional", null,
                "max notional, \"desk\": 1,000,000 -> 500,000", Map.of("limit", "1000000 -> 500000"));

        assertThat(limit.sequence()).isPositive();
        assertThat(audit.query(AuditQuery.all().categories(Set.of(AuditCategory.RISK)))).containsExactly(limit);
        assertThat(audit.query(AuditQuery.all().subject("1"))).extracting(AuditEntry::type)
                .containsExactly("INITIALIZED");
        assertThat(audit.query(AuditQuery.all().portfolio(PortfolioId.of("beta")))).isEmpty();
        assertThat(audit.query(AuditQuery.all().limit(1))).containsExactly(limit);
        assertThat(audit.size()).isEqualTo(2);

        StringWriter csv = new StringWriter();
        assertThat(audit.export(AuditQuery.all(), AuditFormat.CSV, csv)).isEqualTo(2);
        assertThat(List.of(csv.toString().split("\n"))).hasSize(3).first().isEqualTo(AuditJournal.CSV_HEADER);
        assertThat(csv.toString()).contains(",RISK,LIMIT,nautilus.risk.max_notional,,store-test,"
                + "\"max notional, \"\"desk\"\": 1,000,000 -> 500,000\"");
        StringWriter json = new StringWriter();
        audit.export(AuditQuery.all().categories(Set.of(AuditCategory.RISK)), AuditFormat.JSON_LINES, json);
        assertThat(json.toString()).isEqualTo("{\"sequence\":" + limit.sequence() + ",\"timestamp\":\""
                + limit.timestamp() + "\",\"category\":\"RISK\",\"type\":\"LIMIT\",\"subject\":"
                + "\"nautilus.risk.max_notional\",\"portfolio\":null,\"node\":\"store-test\",\"detail\":"
                + "\"max notional, \\\"desk\\\": 1,000,000 -> 500,000\",\"fields\":{\"limit\":\"1000000 -> 500000\"}}\n");
    }

    @Test
    void a_lost_persistence_directory_refuses_to_start_empty_unless_a_fresh_start_is_allowed() throws Exception {
        IgniteTradingStore s = start();
        String id = s.storeId();
        s.save(position("alpha", "AAPL", "1", "1", "0", "0", 1, T));
        stopNode();
        Path marker = StoreSettings.defaultMarker(work());
        assertThat(Files.readString(marker)).contains("store.id=" + id);
        deleteTree(work());

        assertThatThrownBy(this::start).isInstanceOf(GridStartupException.class)
                .hasMessageContaining("is missing or empty, but this node had a store there")
                .hasMessageContaining(id).hasMessageContaining("fresh.start.allowed=true");
        stopNode();

        IgniteTradingStore fresh = start(settings(), storeSettings().withFreshStartAllowed(true));
        assertThat(fresh.loadAll()).isEmpty();
        assertThat(fresh.storeId()).isNotEqualTo(id);
        assertThat(Files.readString(marker)).contains("store.id=" + fresh.storeId());
    }

    @Test
    void acknowledged_commands_the_caches_never_got_are_replayed_from_the_journal_at_start() throws Exception {
        IgniteTradingStore s = start();
        assertThat(s.journaled()).as("a single persistent node journals").isTrue();
        Order first = order(1, "c-1", OrderStatus.INITIALIZED, "0", null);
        s.record(StoredOrder.of(first, 1), new OrderEvent(1, OrderEventType.INITIALIZED, first, null, null, T, 0));
        s.caughtUp();
        long sequence = s.meta.get(IgniteTradingStore.META_SEQUENCE).orElseThrow().number();
        stopNode();

        // What a process killed right after an acknowledgement leaves: a synced journal record beyond the caches.
        Order second = order(2, "c-2", OrderStatus.PARTIALLY_FILLED, "50", "187");
        Fill fill = fill(2, "SIM-9", "50", "187");
        Position moved = position("alpha", "AAPL", "50", "187", "0", "-0.01", 1, T);
        Unit unit = new Unit();
        unit.orders.put(second.id(), StoredOrder.of(second, 2));
        unit.events.add(new OrderEvent(1, OrderEventType.INITIALIZED, order(2, "c-2", OrderStatus.INITIALIZED, "0",
                null), null, null, T, 0));
        unit.events.add(new OrderEvent(2, OrderEventType.FILL, second, fill, null, T, 0));
        unit.positions.put(PositionKey.of(moved), moved);
        unit.firstSequence = sequence;
        unit.journalBytes = UnitCodec.encode(unit);
        Path journalDirectory = StoreSettings.defaultJournal(work());
        try (JournalFile journal = JournalFile.open(journalDirectory, 64 << 20, 0, (n, payload) -> {})) {
            journal.append(journal.lastSequence() + 1, IgniteTradingStore.journalRecord(List.of(unit),
                    ByteBuffer.allocate(16)));
            journal.sync();
        }

        IgniteTradingStore reopened = start();
        assertThat(reopened.order(OrderId.of(2))).contains(StoredOrder.of(second, 2));
        assertThat(reopened.orderLog().cache().get(2L)).as("the record itself, in Ignite").isNotNull();
        assertThat(reopened.fills(OrderId.of(2))).containsExactly(fill);
        assertThat(reopened.orderId(ClientOrderId.of("c-2"))).contains(OrderId.of(2));
        assertThat(reopened.loadAll()).containsExactly(moved);
        List<AuditEntry> entries = new AuditJournal(reopened).query(AuditQuery.all());
        assertThat(entries).extracting(AuditEntry::sequence).containsExactly(sequence, sequence + 1, sequence + 2);
        assertThat(reopened.orderCount()).isEqualTo(2);

        // Replayed once: the caches now cover the record, and new commands number on after it.
        stopNode();
        IgniteTradingStore again = start();
        Order third = order(3, "c-3", OrderStatus.INITIALIZED, "0", null);
        again.record(StoredOrder.of(third, 1), new OrderEvent(1, OrderEventType.INITIALIZED, third, null, null, T, 0));
        assertThat(new AuditJournal(again).query(AuditQuery.all())).extracting(AuditEntry::sequence)
                .containsExactly(sequence, sequence + 1, sequence + 2, sequence + 3);
    }

    @Test
    void a_lost_journal_directory_refuses_to_start_unless_a_fresh_start_is_allowed() throws Exception {
        IgniteTradingStore s = start();
        Order first = order(1, "c-1", OrderStatus.INITIALIZED, "0", null);
        s.record(StoredOrder.of(first, 1), new OrderEvent(1, OrderEventType.INITIALIZED, first, null, null, T, 0));
        stopNode();
        deleteTree(StoreSettings.defaultJournal(work()));

        assertThatThrownBy(this::start).isInstanceOf(GridStartupException.class)
                .hasMessageContaining("journal " + StoreSettings.defaultJournal(work()) + " is missing")
                .hasMessageContaining("fresh.start.allowed=true");
        stopNode();

        IgniteTradingStore allowed = start(settings(), storeSettings().withFreshStartAllowed(true));
        assertThat(allowed.order(OrderId.of(1))).as("the caches kept what they had").isPresent();
    }

    @Test
    void another_stores_data_under_the_work_directory_is_refused() throws Exception {
        start();
        stopNode();
        Path marker = StoreSettings.defaultMarker(work());
        Files.writeString(marker, "store.id=someone-else\ninitialized=2024-01-01T00:00:00Z\n");

        assertThatThrownBy(this::start).isInstanceOf(GridStartupException.class)
                .hasMessageContaining("names store someone-else").hasMessageContaining("wrong directory or volume");
    }

    @Test
    void positions_round_trip_exactly_and_a_portfolio_is_colocated_in_a_transactional_cache() {
        List<Position> saved = List.of(
                position("alpha", "AAPL", "150", "187.12345678", "-12.5", "1.00000001", 3, T),
                position("alpha", "BTC-USD", "-0.00000001", "64123.99999999", "92233720368.54775807", "0", 1,
                        Instant.parse("2024-03-01T14:30:01Z")),
                position("beta", "AAPL", "0", "0", "0.1", "0.2", 7, Instant.EPOCH));
        IgniteTradingStore s = start();
        saved.forEach(s::save);
        Position btc = s.load(ALPHA, InstrumentId.of("BTC-USD")).orElseThrow();
        assertThat(btc.quantity().raw()).isEqualTo(-1L);
        assertThat(btc.realizedPnl().raw()).isEqualTo(Long.MAX_VALUE);
        assertThat(s.loadAll()).containsExactlyElementsOf(saved);

        @SuppressWarnings("unchecked")
        CacheConfiguration<Object, Object> cfg = grid.ignite().cache(IgniteTradingStore.POSITIONS)
                .getConfiguration(CacheConfiguration.class);
        assertThat(cfg.getAtomicityMode()).isEqualTo(CacheAtomicityMode.TRANSACTIONAL);
        assertThat(((TcpDiscoverySpi) grid.ignite().configuration().getDiscoverySpi()).getLocalPort())
                .isEqualTo(DISCOVERY_PORT);
        Affinity<BinaryObject> affinity = grid.ignite().affinity(IgniteTradingStore.POSITIONS);
        int alpha = affinity.partition(s.positions.binaryKey(new PositionKey(ALPHA, InstrumentId.of("AAPL"))));
        for (String symbol : List.of("MSFT", "BTC-USD", "ETH-USD", "ES.Z24", "X", "Y", "Z", "Q", "R")) {
            BinaryObject key = s.positions.binaryKey(new PositionKey(ALPHA, InstrumentId.of(symbol)));
            assertThat(affinity.partition(key)).as(symbol).isEqualTo(alpha);
        }
    }

    @Test
    void with_persistence_off_the_store_is_empty_after_a_restart() {
        GridSettings inMemory = settings().withPersistence(false);
        IgniteTradingStore s = start(inMemory, storeSettings());
        assertThat(s.description()).contains("in memory only");
        s.save(position("alpha", "AAPL", "1", "1", "0", "0", 1, Instant.EPOCH));
        assertThat(s.loadAll()).hasSize(1);
        stopNode();

        assertThat(start(inMemory, storeSettings()).loadAll()).isEmpty();
        assertThat(StoreSettings.defaultMarker(work())).doesNotExist();
    }

    static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
