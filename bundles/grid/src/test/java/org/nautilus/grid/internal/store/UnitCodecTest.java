package org.nautilus.grid.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.nautilus.api.audit.AuditCategory;
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
import org.nautilus.grid.internal.store.PositionCodecs.PositionKey;

/** The journal's encoding of a unit: exact round trips, sharing within a unit, corrupt input refused loudly. */
class UnitCodecTest {

    private static final Instant T0 = Instant.parse("2025-03-14T14:30:00.123456Z");
    private static final PortfolioId ALPHA = PortfolioId.of("alpha");
    private static final PortfolioId BETA = PortfolioId.of("beta");
    private static final InstrumentId AAPL = InstrumentId.of("AAPL");
    private static final VenueId SIM = VenueId.of("SIM-A");
    private static final OrderId ID = OrderId.of(123_456);

    // ---- round trips

    @Test
    void an_immediately_filled_limit_order_takes_a_few_hundred_bytes() {
        Unit unit = typicalUnit();

        byte[] bytes = roundTrip(unit);

        assertThat(bytes.length).isLessThan(200);
    }

    @Test
    void every_order_type_time_in_force_and_flag_round_trips() {
        Unit unit = new Unit();
        long id = 1;
        for (OrderType type : OrderType.values()) {
            for (TimeInForce tif : TimeInForce.values()) {
                for (int flags = 0; flags < 8; flags++) {
                    boolean postOnly = (flags & 1) != 0;
                    if (postOnly && (type != OrderType.LIMIT || tif == TimeInForce.IOC || tif == TimeInForce.FOK)) {
                        continue;
                    }
                    OrderRequest request = new OrderRequest(ClientOrderId.of("c-" + id), ALPHA, AAPL,
                            id % 2 == 0 ? Side.BUY : Side.SELL, type, Quantity.of("12.5"),
                            type.needsLimitPrice() ? Price.of("99.5") : null,
                            type.needsStopPrice() ? Price.of("101.00000001") : null, tif,
                            tif == TimeInForce.GTD ? T0.plus(Duration.ofDays(30)) : null,
                            (flags & 4) != 0 ? SIM : null, postOnly, (flags & 2) != 0);
                    Order order = new Order(OrderId.of(id), request, OrderStatus.INITIALIZED, Quantity.ZERO, null,
                            null, null, T0, T0);
                    unit.orders.put(order.id(), StoredOrder.of(order, 1));
                    unit.events.add(new OrderEvent(1, OrderEventType.INITIALIZED, order, null, null, T0, 0));
                    id++;
                }
            }
        }

        Unit decoded = UnitCodec.decode(ByteBuffer.wrap(roundTrip(unit)));

        Set<OrderType> types = EnumSet.noneOf(OrderType.class);
        Set<TimeInForce> tifs = EnumSet.noneOf(TimeInForce.class);
        decoded.orders.values().forEach(o -> {
            types.add(o.order().request().type());
            tifs.add(o.order().request().timeInForce());
        });
        assertThat(types).containsExactlyInAnyOrder(OrderType.values());
        assertThat(tifs).containsExactlyInAnyOrder(TimeInForce.values());
        assertThat(decoded.orders.values()).anyMatch(o -> o.order().request().postOnly())
                .anyMatch(o -> o.order().request().reduceOnly());
    }

    @Test
    void every_status_event_type_and_side_round_trips() {
        Unit unit = new Unit();
        OrderRequest request = limit("c-1", Side.SELL);
        for (OrderStatus status : OrderStatus.values()) {
            Order order = new Order(OrderId.of(status.ordinal() + 1), request, status, Quantity.ZERO, null, SIM, null,
                    T0, T0.plusSeconds(status.ordinal()));
            unit.orders.put(order.id(), new StoredOrder(order, 2, false, new byte[] {(byte) status.ordinal()}));
        }
        Order order = new Order(ID, request, OrderStatus.PARTIALLY_FILLED, Quantity.ofWhole(10), Price.of("150"),
                SIM, null, T0, T0);
        for (OrderEventType type : OrderEventType.values()) {
            Fill fill = type == OrderEventType.FILL ? fill("x-" + type, Side.SELL, 10, "150", T0) : null;
            unit.events.add(new OrderEvent(type.ordinal() + 1, type, order, fill, type.name().toLowerCase(), T0, 0));
        }
        // A fill whose side and venue are not its order's: written out in full.
        unit.events.add(new OrderEvent(30, OrderEventType.FILL, order, new Fill("x-odd", OrderId.of(99), BETA,
                InstrumentId.of("MSFT"), VenueId.of("SIM-B"), Side.BUY, Quantity.of("0.5"), Price.of("1"),
                Money.of("-0.01"), T0), null, T0, 0));

        roundTrip(unit);
    }

    @Test
    void nullable_fields_round_trip_both_absent_and_present() {
        OrderRequest plain = limit("c-plain", Side.BUY);
        Order bare = new Order(OrderId.of(7), plain, OrderStatus.INITIALIZED, Quantity.ZERO, null, null, null, T0,
                T0);
        Order full = new Order(OrderId.of(8), plain.withVenue(SIM), OrderStatus.PENDING_UPDATE, Quantity.ofWhole(30),
                Price.of("149.9"), SIM, "amend pending", T0, T0.plusMillis(5));
        Unit unit = new Unit();
        unit.orders.put(bare.id(), StoredOrder.of(bare, 1));
        unit.orders.put(full.id(), new StoredOrder(full, 9, true, new byte[] {1, 0, -1, 127, -128}));
        // Each flag alone, so that none can stand in for another.
        for (int flag = 0; flag < 3; flag++) {
            Order order = new Order(OrderId.of(40 + flag), plain, OrderStatus.ACCEPTED, Quantity.ZERO, null, SIM,
                    null, T0, T0);
            unit.orders.put(order.id(), new StoredOrder(order, 3, flag == 0,
                    flag == 1 ? new byte[] {0} : new byte[0]));
        }
        unit.events.add(new OrderEvent(1, OrderEventType.INITIALIZED, bare, null, null, T0, 0));
        unit.events.add(new OrderEvent(2, OrderEventType.DENIED, new Order(OrderId.of(7), plain, OrderStatus.DENIED,
                Quantity.ZERO, null, null, "max notional exceeded", T0, T0), null, "max notional exceeded", T0, 0));
        unit.tradingStatuses.put(StateCodecs.GLOBAL, new TradingStatus(null, TradingState.HALTED, "", T0));
        unit.audits.add(new Unit.AuditDraft(null, null, null, null, null, null, null));
        unit.audits.add(new Unit.AuditDraft(T0, AuditCategory.ORDER, "FILL", "8", ALPHA, "detail", Map.of()));

        UnitCodec.decode(ByteBuffer.wrap(roundTrip(unit)));
    }

    @Test
    void every_reject_code_round_trips_on_denied_and_rejected_orders() {
        Unit unit = new Unit();
        long id = 500;
        for (RejectCode code : RejectCode.values()) {
            OrderStatus status = code.name().startsWith("VENUE_") ? OrderStatus.REJECTED : OrderStatus.DENIED;
            Order order = new Order(OrderId.of(++id), limit("rc-" + id, Side.BUY), status, Quantity.ZERO, null, null,
                    "refused: " + code, code, T0, T0);
            unit.orders.put(order.id(), StoredOrder.of(order, 2));
            unit.events.add(new OrderEvent(2, status == OrderStatus.DENIED ? OrderEventType.DENIED
                    : OrderEventType.REJECTED, order, null, order.reason(), T0, 0));
        }
        roundTrip(unit);
        Unit decoded = UnitCodec.decode(ByteBuffer.wrap(UnitCodec.encode(unit)));
        assertThat(decoded.orders.values()).extracting(o -> o.order().rejectCode())
                .containsExactly(RejectCode.values());
    }

    @Test
    void partial_fills_and_long_short_and_flat_positions_round_trip() {
        OrderRequest request = limit("c-partial", Side.BUY).withQuantity(Quantity.ofWhole(300));
        Order first = snapshot(request, OrderStatus.PARTIALLY_FILLED, Quantity.ofWhole(100), Price.of("150.1"),
                T0.plusMillis(1));
        Order second = snapshot(request, OrderStatus.PARTIALLY_FILLED, Quantity.ofWhole(150), Price.of("150.10666666"),
                T0.plusMillis(2));
        Unit unit = new Unit();
        unit.orders.put(ID, StoredOrder.of(second, 5));
        unit.events.add(new OrderEvent(4, OrderEventType.FILL, first, fill("e-1", Side.BUY, 100, "150.1",
                first.updatedAt()), null, first.updatedAt(), 0));
        unit.events.add(new OrderEvent(5, OrderEventType.FILL, second, new Fill("e-2", ID, ALPHA, AAPL,
                VenueId.of("SIM-B"), Side.BUY, Quantity.ofWhole(50), Price.of("150.12"), Money.of("0.175"),
                second.updatedAt()), null, second.updatedAt(), 0));
        Position longPosition = new Position(ALPHA, AAPL, Quantity.ofWhole(150), Price.of("150.10666666"),
                Money.ZERO, Money.of("0.525"), 2, T0);
        Position shortPosition = new Position(BETA, AAPL, Quantity.of("-75.5"), Price.of("149.99"),
                Money.of("-1234.5678"), Money.of("3.2"), 7, T0.minusSeconds(3600));
        Position flat = Position.flat(ALPHA, InstrumentId.of("MSFT"), T0);
        unit.positions.put(PositionKey.of(longPosition), longPosition);
        unit.positions.put(PositionKey.of(shortPosition), shortPosition);
        unit.positions.put(PositionKey.of(flat), flat);
        // A key that is not its position's own ids must come back as it was, not rebuilt from the position.
        unit.positions.put(new PositionKey(BETA, InstrumentId.of("MSFT")), flat);

        roundTrip(unit);
    }

    @Test
    void trading_statuses_baselines_and_audit_fields_round_trip() {
        Unit unit = new Unit();
        unit.tradingStatuses.put(StateCodecs.GLOBAL, new TradingStatus(null, TradingState.HALTED, "kill switch", T0));
        unit.tradingStatuses.put("alpha", new TradingStatus(ALPHA, TradingState.REDUCING, "daily loss review",
                T0.plusSeconds(1)));
        unit.tradingStatuses.put("beta", new TradingStatus(BETA, TradingState.ACTIVE, "", T0.plusSeconds(2)));
        unit.baselines.put(ALPHA, new DailyPnlBaseline(ALPHA, LocalDate.of(2025, 3, 14), Money.of("-1234.56"),
                Money.of("789.01"), T0));
        unit.baselines.put(BETA, new DailyPnlBaseline(BETA, LocalDate.of(1969, 7, 20), Money.ZERO,
                Money.of("0.00000001"), Instant.parse("1969-07-20T20:17:40Z")));
        Map<String, String> changed = new TreeMap<>();
        changed.put("maxNotional", "1000000 -> 2000000");
        changed.put("maxOrderQuantity", "(unset) -> 500");
        changed.put("enabled", "true -> false");
        unit.audits.add(new Unit.AuditDraft(T0, AuditCategory.RISK, "TRADING_STATE", "global", null,
                "global HALTED", Map.of("state", "HALTED", "reason", "kill switch")));
        unit.audits.add(new Unit.AuditDraft(T0, AuditCategory.CONFIG, "UPDATED", "nautilus.risk", null,
                "nautilus.risk: ...", changed));
        unit.audits.add(new Unit.AuditDraft(T0, AuditCategory.ORDER, "FILL", "42", ALPHA, "BUY 100 AAPL",
                Map.of()));

        Unit decoded = UnitCodec.decode(ByteBuffer.wrap(roundTrip(unit)));

        assertThat(decoded.tradingStatuses.keySet()).containsExactly(StateCodecs.GLOBAL, "alpha", "beta");
        assertThat(decoded.audits.get(1).fields().keySet()).containsExactlyElementsOf(changed.keySet());
        assertThat(decoded.audits).allSatisfy(a -> assertThat(a.assigned()).containsExactly(0L));
    }

    @Test
    void non_ascii_strings_come_back_exactly() {
        List<String> texts = List.of("é", "Zürich ±0.5 €", "日本語の理由", "📈 rally", "lone \uD800 high", "\uDC00",
                "nul \u0000 char", "\u007F\u0080\u07FF\u0800\uFFFF", "");
        Unit unit = new Unit();
        OrderRequest request = limit("c-text", Side.BUY);
        int version = 1;
        for (String text : texts) {
            Order order = new Order(ID, request, OrderStatus.CANCELED, Quantity.ZERO, null, SIM, text, T0, T0);
            unit.events.add(new OrderEvent(version++, OrderEventType.CANCELED, order, null, text, T0, 0));
            unit.events.add(new OrderEvent(version++, OrderEventType.FILL, order, fill(text, Side.BUY, 1, "1", T0),
                    null, T0, 0));
            unit.tradingStatuses.put(text, new TradingStatus(ALPHA, TradingState.HALTED, text, T0));
            unit.audits.add(new Unit.AuditDraft(T0, AuditCategory.CONFIG, text, text, null, text,
                    Map.of(text + "k", text + "v")));
        }
        unit.orders.put(ID, new StoredOrder(snapshot(request, OrderStatus.ACCEPTED, Quantity.ZERO, null, T0), 2, false,
                "Ωμέγα 📈".getBytes(StandardCharsets.UTF_8)));

        roundTrip(unit);
    }

    @Test
    void extreme_numbers_instants_and_dates_round_trip() {
        long[] raws = {0, 1, -1, 10, -10, 99_999_999, 100_000_000, 123_456_789_012L, 1_000_000_000_000_000L,
                1_000_000_000_000_000_000L, -1_000_000_000_000_000_000L, 9_000_000_000_000_000_000L, 1L << 59,
                -(1L << 59), 5_764_607_523_034_234_880L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE - 7};
        long jump = 1L << 31;
        // Jumps of 2^31 seconds and more take the long form; 9e9 seconds as nanoseconds would overflow.
        Instant[] times = {Instant.EPOCH, Instant.ofEpochSecond(9_000_000_000L, 999_999_999), Instant.EPOCH,
                Instant.ofEpochSecond(-9_000_000_000L), Instant.MIN, Instant.MAX,
                Instant.ofEpochSecond(-1, 999_999_999), T0,
                T0.plusNanos(1), T0.minusNanos(1), Instant.ofEpochSecond(jump - 1), Instant.ofEpochSecond(2 * jump - 1),
                Instant.ofEpochSecond(jump - 1, 999_999_999), Instant.ofEpochSecond(-jump + 1),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.MAX, Instant.MIN};
        Unit unit = new Unit();
        for (int i = 0; i < raws.length; i++) {
            Position p = new Position(ALPHA, InstrumentId.of("X" + i), new Quantity(raws[i]),
                    new Price(raws[(i + 1) % raws.length]), new Money(raws[(i + 2) % raws.length]),
                    new Money(raws[(i + 3) % raws.length]), raws[(i + 4) % raws.length], times[i % times.length]);
            unit.positions.put(PositionKey.of(p), p);
        }
        for (Instant t : times) {
            unit.audits.add(new Unit.AuditDraft(t, AuditCategory.RISK, "T", "s", null, "d", Map.of()));
        }
        unit.baselines.put(ALPHA, new DailyPnlBaseline(ALPHA, LocalDate.MIN, new Money(Long.MIN_VALUE),
                new Money(Long.MAX_VALUE), Instant.MIN));
        unit.baselines.put(BETA, new DailyPnlBaseline(BETA, LocalDate.MAX, new Money(-1), new Money(1), Instant.MAX));
        OrderRequest huge = new OrderRequest(ClientOrderId.of("c-huge"), ALPHA, AAPL, Side.BUY, OrderType.STOP_LIMIT,
                new Quantity(Long.MAX_VALUE), new Price(Long.MAX_VALUE), new Price(1), TimeInForce.GTD, Instant.MAX,
                null, false, true);
        Order order = new Order(OrderId.of(Long.MAX_VALUE), huge, OrderStatus.TRIGGERED, new Quantity(Long.MIN_VALUE),
                new Price(Long.MIN_VALUE), null, null, Instant.MIN, Instant.MAX);
        unit.orders.put(order.id(), new StoredOrder(order, Integer.MAX_VALUE, true, new byte[1 << 16]));

        roundTrip(unit);
    }

    @Test
    void a_unit_with_more_requests_than_the_reference_table_holds_round_trips() {
        Unit unit = new Unit();
        List<Order> orders = new ArrayList<>();
        for (int i = 1; i <= 150; i++) {
            Order order = new Order(OrderId.of(i), limit("c-" + i, Side.BUY), OrderStatus.CANCELED, Quantity.ZERO,
                    null, SIM, "mass cancel", T0, T0.plusNanos(i));
            orders.add(order);
            unit.orders.put(order.id(), StoredOrder.of(order, 3));
        }
        for (Order order : orders) {
            unit.events
                    .add(new OrderEvent(3, OrderEventType.CANCELED, order, null, "mass cancel", order.updatedAt(), 0));
        }

        roundTrip(unit);
    }

    @Test
    void random_units_round_trip() {
        Random random = new Random(20_250_314);
        for (int i = 0; i < 500; i++) {
            roundTrip(randomUnit(random));
        }
    }

    // ---- sharing within a unit

    @Test
    void a_request_shared_by_the_snapshots_of_an_order_is_written_once() {
        OrderRequest request = limit("c-20250314-000123", Side.BUY);
        int one = UnitCodec.encode(events(List.of(request))).length;
        Unit sharedUnit = events(List.of(request, request, request));
        int shared = UnitCodec.encode(sharedUnit).length;
        // Equal but not the same instance (a request rebuilt by withX): shared all the same.
        int equal = UnitCodec.encode(events(List.of(request, request.withFlags(false, false),
                request.withQuantity(request.quantity())))).length;
        int distinct = UnitCodec
                .encode(events(List.of(request, limit("c-2", Side.BUY), limit("c-3", Side.BUY)))).length;

        assertThat(shared).isLessThan(2 * one);
        assertThat(equal).isEqualTo(shared);
        assertThat(distinct).isGreaterThan(shared + 2 * 20);
        Unit decoded = UnitCodec.decode(ByteBuffer.wrap(roundTrip(sharedUnit)));
        assertThat(decoded.events)
                .allSatisfy(e -> assertThat(e.order().request()).isSameAs(decoded.events.get(0).order().request()));
    }

    @Test
    void a_stored_order_whose_snapshot_is_its_last_events_refers_back_to_it() {
        Unit withStored = typicalUnit();
        Unit withoutStored = typicalUnit();
        withoutStored.orders.clear();

        int extra = UnitCodec.encode(withStored).length - UnitCodec.encode(withoutStored).length;

        assertThat(extra).isLessThan(16);
        Unit decoded = UnitCodec.decode(ByteBuffer.wrap(roundTrip(withStored)));
        assertThat(decoded.events.get(2).order()).isSameAs(decoded.orders.get(ID).order());
    }

    // ---- framing

    @Test
    void units_written_back_to_back_are_read_back_in_sequence() {
        List<Unit> units = List.of(typicalUnit(), riskUnit(), new Unit(), randomUnit(new Random(1)), typicalUnit());
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 16);
        for (Unit unit : units) {
            UnitCodec.encode(unit, buffer);
        }
        buffer.flip();

        for (Unit unit : units) {
            assertSameContent(UnitCodec.decode(buffer), unit);
        }
        assertThat(buffer.hasRemaining()).isFalse();
    }

    @Test
    void a_unit_too_big_for_the_buffer_overflows_and_leaves_the_buffer_as_it_was() {
        ByteBuffer small = ByteBuffer.allocate(64);
        small.put((byte) 7);

        assertThatThrownBy(() -> UnitCodec.encode(typicalUnit(), small)).isInstanceOf(BufferOverflowException.class);
        assertThat(small.position()).isEqualTo(1);

        Unit big = new Unit();
        big.audits.add(new Unit.AuditDraft(T0, AuditCategory.CONFIG, "UPDATED", "nautilus.risk", null,
                "x".repeat(5000) + "é".repeat(3000), Map.of()));
        assertThat(roundTrip(big).length).isGreaterThan(11_000);
    }

    // ---- malformed input

    @Test
    void every_truncation_of_a_unit_is_refused() {
        Unit unit = typicalUnit();
        Unit risk = riskUnit();
        unit.tradingStatuses.putAll(risk.tradingStatuses);
        unit.baselines.putAll(risk.baselines);
        unit.audits.addAll(risk.audits);
        byte[] bytes = UnitCodec.encode(unit);

        for (int length = 0; length < bytes.length; length++) {
            ByteBuffer in = ByteBuffer.wrap(bytes, 0, length);
            assertThatThrownBy(() -> UnitCodec.decode(in)).as("the first %d of %d bytes", length, bytes.length)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("malformed journal unit");
            assertThat(in.position()).isZero();
        }
    }

    @Test
    void an_enum_ordinal_out_of_range_is_refused_naming_the_enum() {
        assertBadOrdinal(status(TradingState.ACTIVE), status(TradingState.HALTED), "TradingState",
                TradingState.values().length);
        assertBadOrdinal(events(List.of(limit("c", Side.BUY))), events(List.of(limit("c", Side.SELL))), "Side",
                Side.values().length);
        Order order = snapshot(limit("c", Side.BUY), OrderStatus.ACCEPTED, Quantity.ZERO, null, T0);
        assertBadOrdinal(stored(order), stored(snapshot(limit("c", Side.BUY), OrderStatus.CANCELED, Quantity.ZERO,
                null, T0)), "OrderStatus", OrderStatus.values().length);
        assertBadOrdinal(event(OrderEventType.ACCEPTED, order), event(OrderEventType.CANCELED, order),
                "OrderEventType", OrderEventType.values().length);
    }

    @Test
    void unknown_formats_references_flags_and_impossible_counts_are_refused() {
        // The frame: a format byte, then the counts of orders, events, positions, statuses, baselines, audits.
        assertThat(UnitCodec.decode(ByteBuffer.wrap(bytes(2, 0, 0, 0, 0, 0, 0))).isEmpty()).isTrue();

        assertMalformed(bytes(3, 0, 0, 0, 0, 0, 0), "unknown format 3");
        // A journal written before the OMS's working state became opaque.
        assertMalformed(bytes(1, 0, 0, 0, 0, 0, 0), "unknown format 1 (this version writes 2; a journal of an earlier "
                + "version cannot be read");
        assertMalformed(bytes(2, 1, 0, 5), "unknown order reference 3");
        assertMalformed(bytes(2, 0x7F, 0), "order count 127");
        assertMalformed(bytes(2, 0, 0, 1, 7), "bad position key tag 7");
        assertMalformed(bytes(2, 0, 0, 0, 0, 0, 1, 0x80), "bad audit flags 128");
        assertMalformed(bytes(2, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF), "varint");
    }

    @Test
    void corrupted_bytes_are_refused_or_read_but_never_fail_otherwise() {
        // Bytes changed in place may still read as some unit (the journal's checksum is for that); what must not
        // happen is any other failure: a stray exception, a huge allocation, a loop.
        Random random = new Random(7);
        Unit unit = typicalUnit();
        unit.audits.addAll(riskUnit().audits);
        byte[] sample = UnitCodec.encode(unit);
        int refused = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = sample.clone();
            for (int changes = 1 + random.nextInt(3); changes > 0; changes--) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
            ByteBuffer in = ByteBuffer.wrap(bytes);
            try {
                UnitCodec.decode(in);
            } catch (IllegalArgumentException e) {
                assertThat(in.position()).isZero();
                refused++;
            }
        }
        assertThat(refused).isGreaterThan(1000);
    }

    // ---- helpers

    /** Encodes, decodes, compares; the decoded unit encodes to the same bytes (nothing lost, nothing added). */
    private static byte[] roundTrip(Unit unit) {
        byte[] bytes = UnitCodec.encode(unit);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        Unit decoded = UnitCodec.decode(in);
        assertThat(in.remaining()).as("bytes left after the unit").isZero();
        assertSameContent(decoded, unit);
        assertThat(UnitCodec.encode(decoded)).isEqualTo(bytes);
        return bytes;
    }

    private static void assertSameContent(Unit actual, Unit expected) {
        assertThat(List.copyOf(actual.orders.entrySet())).isEqualTo(List.copyOf(expected.orders.entrySet()));
        assertThat(actual.events).isEqualTo(expected.events);
        assertThat(List.copyOf(actual.positions.entrySet())).isEqualTo(List.copyOf(expected.positions.entrySet()));
        assertThat(List.copyOf(actual.tradingStatuses.entrySet()))
                .isEqualTo(List.copyOf(expected.tradingStatuses.entrySet()));
        assertThat(List.copyOf(actual.baselines.entrySet())).isEqualTo(List.copyOf(expected.baselines.entrySet()));
        // An AuditDraft's equals compares its assigned array by identity: compare the content.
        assertThat(actual.audits.stream().map(UnitCodecTest::content).toList())
                .isEqualTo(expected.audits.stream().map(UnitCodecTest::content).toList());
        assertThat(actual.audits).allSatisfy(a -> assertThat(a.assigned()).hasSize(1));
    }

    private static List<Object> content(Unit.AuditDraft a) {
        return Arrays.asList(a.timestamp(), a.category(), a.type(), a.subject(), a.portfolio(), a.detail(),
                a.fields());
    }

    /** Two units whose encodings differ in one byte, the enum's ordinal: out of range there, it is refused. */
    private static void assertBadOrdinal(Unit a, Unit b, String type, int values) {
        byte[] x = UnitCodec.encode(a);
        byte[] y = UnitCodec.encode(b);
        assertThat(x).hasSameSizeAs(y);
        int at = Arrays.mismatch(x, y);
        assertThat(Arrays.mismatch(x, at + 1, x.length, y, at + 1, y.length)).as("a second difference").isEqualTo(-1);
        for (int bad : new int[] {values, 0x7F, 0xFF}) {
            x[at] = (byte) bad;
            assertMalformed(x, "bad " + type + " ordinal " + bad);
        }
    }

    private static void assertMalformed(byte[] bytes, String message) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        assertThatThrownBy(() -> UnitCodec.decode(in)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("malformed journal unit").hasMessageContaining(message);
        assertThat(in.position()).isZero();
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    private static OrderRequest limit(String clientOrderId, Side side) {
        return OrderRequest.limit(ClientOrderId.of(clientOrderId), ALPHA, AAPL, side, Quantity.ofWhole(100),
                Price.of("150.25"));
    }

    private static Order snapshot(OrderRequest request, OrderStatus status, Quantity filled, Price average,
            Instant at) {
        return new Order(ID, request, status, filled, average, SIM, null, T0, at);
    }

    private static Fill fill(String executionId, Side side, long quantity, String price, Instant at) {
        return new Fill(executionId, ID, ALPHA, AAPL, SIM, side, Quantity.ofWhole(quantity), Price.of(price),
                Money.of("0.35"), at);
    }

    /** What the OMS writes for a limit order filled at once: the stored order, SUBMITTED, ACCEPTED, FILL, position. */
    /**
     * The bytes of units of every kind, as the codec wrote them before it was split into {@link JournalOut},
     * {@link JournalIn}, {@link OrderJournalCodec} and the unit's frame: a journal written before the split is the
     * same bytes (its SHA-256, taken with the codec of main at c7e457e).
     */
    @Test
    void the_bytes_are_those_the_codec_wrote_before_it_was_split() throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        Random random = new Random(7);
        // Not riskUnit(): its audit fields are a Map.of, whose order changes from one JVM to the next.
        for (Unit unit : List.of(typicalUnit(), randomUnit(random), randomUnit(random), randomUnit(random))) {
            sha.update(UnitCodec.encode(unit));
        }
        assertThat(HexFormat.of().formatHex(sha.digest()))
                .isEqualTo("2cd5d4a583c200770dc9c4c740f9cd6cb64c349e3a058d99a684a70c51be2208");
    }

    private static Unit typicalUnit() {
        OrderRequest request = limit("c-20250314-000123", Side.BUY);
        Instant submittedAt = T0.plusNanos(41_000);
        Instant acceptedAt = T0.plusNanos(187_000);
        Instant filledAt = T0.plusNanos(352_000);
        Order submitted = snapshot(request, OrderStatus.SUBMITTED, Quantity.ZERO, null, submittedAt);
        Order accepted = snapshot(request, OrderStatus.ACCEPTED, Quantity.ZERO, null, acceptedAt);
        Order filled = snapshot(request, OrderStatus.FILLED, Quantity.ofWhole(100), Price.of("150.24"), filledAt);
        Position position = new Position(ALPHA, AAPL, Quantity.ofWhole(100), Price.of("150.24"), Money.ZERO,
                Money.of("0.35"), 1, filledAt);
        Unit unit = new Unit();
        unit.orders.put(ID, StoredOrder.of(filled, 4));
        unit.events.add(new OrderEvent(2, OrderEventType.SUBMITTED, submitted, null, null, submittedAt, 0));
        unit.events.add(new OrderEvent(3, OrderEventType.ACCEPTED, accepted, null, null, acceptedAt, 0));
        unit.events.add(new OrderEvent(4, OrderEventType.FILL, filled, fill("SIM-A-000981", Side.BUY, 100,
                "150.24", filledAt), null, filledAt, 0));
        unit.positions.put(PositionKey.of(position), position);
        return unit;
    }

    private static Unit riskUnit() {
        Unit unit = new Unit();
        TradingStatus halted = new TradingStatus(ALPHA, TradingState.HALTED, "daily loss", T0);
        unit.tradingStatuses.put("alpha", halted);
        unit.baselines.put(ALPHA, new DailyPnlBaseline(ALPHA, LocalDate.of(2025, 3, 14), Money.of("-1500"),
                Money.of("20.5"), T0));
        unit.audits.add(new Unit.AuditDraft(T0, AuditCategory.RISK, "TRADING_STATE", "alpha", ALPHA,
                halted.describe(), Map.of("state", "HALTED", "reason", "daily loss")));
        return unit;
    }

    /** One event per request (at most three), each with its own snapshot of order {@link #ID}. */
    private static Unit events(List<OrderRequest> requests) {
        OrderEventType[] types = {OrderEventType.SUBMITTED, OrderEventType.ACCEPTED, OrderEventType.PENDING_CANCEL};
        OrderStatus[] statuses = {OrderStatus.SUBMITTED, OrderStatus.ACCEPTED, OrderStatus.PENDING_CANCEL};
        Unit unit = new Unit();
        for (int i = 0; i < requests.size(); i++) {
            Instant at = T0.plusNanos(50_000L * i);
            Order order = new Order(ID, requests.get(i), statuses[i], Quantity.ZERO, null, SIM, null, T0, at);
            unit.events.add(new OrderEvent(i + 2, types[i], order, null, null, at, 0));
        }
        return unit;
    }

    private static Unit status(TradingState state) {
        Unit unit = new Unit();
        unit.tradingStatuses.put("alpha", new TradingStatus(ALPHA, state, "why", T0));
        return unit;
    }

    private static Unit stored(Order order) {
        Unit unit = new Unit();
        unit.orders.put(order.id(), StoredOrder.of(order, 1));
        return unit;
    }

    private static Unit event(OrderEventType type, Order order) {
        Unit unit = new Unit();
        unit.events.add(new OrderEvent(1, type, order, null, null, T0, 0));
        return unit;
    }

    // ---- random units

    private static Unit randomUnit(Random r) {
        Unit unit = new Unit();
        List<Order> orders = new ArrayList<>();
        List<OrderRequest> requests = new ArrayList<>();
        for (int i = r.nextInt(6); i > 0; i--) {
            OrderRequest request = requests.isEmpty() || r.nextBoolean() ? randomRequest(r)
                    : requests.get(r.nextInt(requests.size()));
            requests.add(request);
            Quantity filled = r.nextBoolean() ? request.quantity()
                    : new Quantity(r.nextLong(0, request.quantity().raw()));
            Instant created = randomInstant(r);
            Order order = new Order(OrderId.of(r.nextLong(1, Long.MAX_VALUE)), request,
                    pick(r, OrderStatus.values()), filled, r.nextBoolean() ? new Price(randomRaw(r)) : null,
                    r.nextBoolean() ? randomVenue(r) : null, r.nextBoolean() ? randomText(r) : null, created,
                    r.nextBoolean() ? created : randomInstant(r));
            orders.add(order);
        }
        for (Order order : orders) {
            if (r.nextBoolean()) {
                OrderId key = r.nextInt(10) == 0 ? OrderId.of(r.nextLong(1, 1000)) : order.id();
                unit.orders.put(key, new StoredOrder(r.nextInt(4) == 0 ? order : orders.get(r.nextInt(orders.size())),
                        r.nextInt(1, Integer.MAX_VALUE), r.nextBoolean(), randomBytes(r)));
            }
        }
        for (int i = orders.isEmpty() ? 0 : r.nextInt(6); i > 0; i--) {
            Order order = orders.get(r.nextInt(orders.size()));
            OrderEventType type = pick(r, OrderEventType.values());
            Fill fill = null;
            if (type == OrderEventType.FILL) {
                boolean same = order.venueId() != null && r.nextBoolean();
                fill = new Fill(randomText(r), same ? order.id() : randomOrderId(r),
                        same ? order.portfolioId() : randomPortfolio(r),
                        same ? order.instrumentId() : InstrumentId.of("I" + r.nextInt(5)),
                        same ? order.venueId() : randomVenue(r), same ? order.side() : pick(r, Side.values()),
                        new Quantity(r.nextLong(1, Long.MAX_VALUE)), new Price(randomRaw(r)), new Money(randomRaw(r)),
                        randomInstant(r));
            }
            unit.events.add(new OrderEvent(r.nextInt(1, Integer.MAX_VALUE), type, order, fill,
                    r.nextBoolean() ? randomText(r) : null, randomInstant(r),
                    r.nextBoolean() ? 0 : r.nextLong(1, Long.MAX_VALUE)));
        }
        for (int i = r.nextInt(4); i > 0; i--) {
            Position p = new Position(randomPortfolio(r), InstrumentId.of("I" + r.nextInt(5)),
                    new Quantity(randomRaw(r)), new Price(randomRaw(r)), new Money(randomRaw(r)),
                    new Money(randomRaw(r)), r.nextLong(), randomInstant(r));
            unit.positions.put(r.nextInt(10) == 0 ? new PositionKey(randomPortfolio(r), p.instrumentId())
                    : PositionKey.of(p), p);
        }
        for (int i = r.nextInt(3); i > 0; i--) {
            PortfolioId portfolio = r.nextBoolean() ? null : randomPortfolio(r);
            unit.tradingStatuses.put(portfolio == null ? StateCodecs.GLOBAL : portfolio.value(),
                    new TradingStatus(portfolio, pick(r, TradingState.values()), randomText(r), randomInstant(r)));
        }
        for (int i = r.nextInt(3); i > 0; i--) {
            PortfolioId portfolio = randomPortfolio(r);
            unit.baselines.put(portfolio, new DailyPnlBaseline(portfolio,
                    LocalDate.ofEpochDay(r.nextLong(-1_000_000, 1_000_000)), new Money(randomRaw(r)),
                    new Money(randomRaw(r)), randomInstant(r)));
        }
        for (int i = r.nextInt(3); i > 0; i--) {
            Map<String, String> fields = new LinkedHashMap<>();
            for (int f = r.nextInt(4); f > 0; f--) {
                fields.put(randomText(r), randomText(r));
            }
            unit.audits.add(new Unit.AuditDraft(randomInstant(r), pick(r, AuditCategory.values()), randomText(r),
                    randomText(r), r.nextBoolean() ? randomPortfolio(r) : null, randomText(r), fields));
        }
        return unit;
    }

    private static OrderRequest randomRequest(Random r) {
        OrderType type = pick(r, OrderType.values());
        TimeInForce tif = pick(r, TimeInForce.values());
        boolean postOnly = type == OrderType.LIMIT && tif != TimeInForce.IOC && tif != TimeInForce.FOK
                && r.nextBoolean();
        return new OrderRequest(ClientOrderId.of("c-" + r.nextInt(1000)), randomPortfolio(r),
                InstrumentId.of("I" + r.nextInt(5)), pick(r, Side.values()), type,
                new Quantity(r.nextLong(1, Long.MAX_VALUE)),
                type.needsLimitPrice() ? new Price(r.nextLong(1, Long.MAX_VALUE)) : null,
                type.needsStopPrice() ? new Price(r.nextLong(1, 1_000_000_000_000L)) : null, tif,
                tif == TimeInForce.GTD ? randomInstant(r) : null, r.nextBoolean() ? randomVenue(r) : null, postOnly,
                r.nextBoolean());
    }

    /** Opaque working state: empty most often, as in production. */
    private static byte[] randomBytes(Random r) {
        byte[] bytes = new byte[r.nextBoolean() ? 0 : r.nextInt(40)];
        r.nextBytes(bytes);
        return bytes;
    }

    private static OrderId randomOrderId(Random r) {
        return OrderId.of(r.nextBoolean() ? r.nextLong(1, 1000) : r.nextLong(1, Long.MAX_VALUE));
    }

    private static PortfolioId randomPortfolio(Random r) {
        return PortfolioId.of("p" + r.nextInt(4));
    }

    private static VenueId randomVenue(Random r) {
        return VenueId.of("V-" + r.nextInt(3));
    }

    /** Mostly trading-like values (whole units, cents), sometimes anything. */
    private static long randomRaw(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> r.nextLong();
            case 1 -> r.nextLong(-1_000_000, 1_000_000) * 100_000_000L;
            case 2 -> r.nextLong(-10_000_000, 10_000_000) * 1_000_000L;
            default -> r.nextInt(3) - 1;
        };
    }

    /** Mostly near {@link #T0}, sometimes anywhere an Instant can be. */
    private static Instant randomInstant(Random r) {
        return r.nextInt(4) == 0
                ? Instant.ofEpochSecond(r.nextLong(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()),
                        r.nextInt(1_000_000_000))
                : T0.plusNanos(r.nextLong(-5_000_000_000L, 5_000_000_000L));
    }

    private static String randomText(Random r) {
        String alphabet = "aZ09 -é€日\uD83D\uDCC8\u0000";
        StringBuilder text = new StringBuilder();
        for (int i = r.nextInt(12); i > 0; i--) {
            text.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private static <T> T pick(Random r, T[] values) {
        return values[r.nextInt(values.length)];
    }
}
