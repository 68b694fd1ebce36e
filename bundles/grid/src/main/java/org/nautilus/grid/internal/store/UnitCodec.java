package org.nautilus.grid.internal.store;

import java.nio.BufferOverflowException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
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

/**
 * The journal's binary form of a {@link Unit}'s content: its orders, events, positions, trading statuses,
 * baselines and audit drafts (not its commit bookkeeping, nor the audit drafts' assigned numbers). Decoding gives
 * back values equal to the encoded ones, maps in the same iteration order.
 *
 * <p>Layout: a format byte, then each of the six parts as a count followed by its entries. Building blocks:
 * <ul>
 * <li>counts, ids and other non-negative numbers: unsigned LEB128 varints; signed ones zigzag first;</li>
 * <li>fixed-point raws ({@link Quantity}, {@link Price}, {@link Money}): {@code zigzag(m) << 4 | k} with
 *     {@code raw = m * 10^k} ({@code k <= 14}), so that 100 shares take one byte; {@code 15} then the zigzag raw
 *     when {@code m} does not fit;</li>
 * <li>instants: {@code zigzag(nanos since the unit's previous instant, or the epoch) << 1}, or {@code 1} then
 *     zigzag epoch seconds and nanos for a jump of 2<sup>31</sup> seconds or more;</li>
 * <li>strings: varint {@code 0} for null, else {@code byteLength + 1} and UTF-8 with the halves of a surrogate
 *     pair encoded apart (CESU-8), so that any {@link String}, even with a lone surrogate, comes back exactly;</li>
 * <li>enums: their ordinal in one byte; absent optional values: a bit in the flags byte of their record;</li>
 * <li>order requests and order snapshots: varint {@code 0} for null, {@code 1} then the value, or {@code i + 2}
 *     for the i-th value written before in this unit (of its first {@value #MAX_REFS}): the OMS puts one request
 *     in every snapshot of an order, and the stored order's snapshot is its last event's;</li>
 * <li>what repeats its neighbour is not written again: an order's map key that is its id, a position's that is its
 *     ids, a fill's order, portfolio, instrument, venue and side when they are its event's order's.</li>
 * </ul>
 * Malformed input (truncated, unknown format or reference, bad ordinal or flags, values the records refuse) is an
 * {@link IllegalArgumentException}.
 */
final class UnitCodec {

    /** First byte of an encoded unit; a change of the layout takes the next value. */
    private static final byte FORMAT = 2;
    /** At most this many requests (and snapshots) per unit can be referred back to: lookups scan the table. */
    private static final int MAX_REFS = 64;
    private static final int INITIAL_BUFFER = 1024;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** Instants closer than this to the previous one are written as a nanosecond delta (which cannot overflow). */
    private static final long MAX_DELTA_SECONDS = 1L << 31;
    /** The fixed-point scale code that announces a raw value written whole. */
    private static final int RAW = 15;
    private static final long[] POW10 = new long[RAW];

    static {
        POW10[0] = 1;
        for (int i = 1; i < RAW; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private static final OrderStatus[] STATUSES = OrderStatus.values();
    private static final OrderEventType[] EVENT_TYPES = OrderEventType.values();
    private static final OrderType[] ORDER_TYPES = OrderType.values();
    private static final Side[] SIDES = Side.values();
    private static final TimeInForce[] TIME_IN_FORCES = TimeInForce.values();
    private static final TradingState[] TRADING_STATES = TradingState.values();
    private static final AuditCategory[] CATEGORIES = AuditCategory.values();

    private UnitCodec() {
    }

    /**
     * Each encoding thread's scratch buffer: a fresh one per unit was most of the store's garbage at 100k orders/s.
     * It holds a JDK type only, so a thread outliving this bundle keeps none of its classes.
     */
    private static final ThreadLocal<ByteBuffer> SCRATCH = ThreadLocal
            .withInitial(() -> ByteBuffer.allocate(INITIAL_BUFFER));

    /** The unit's encoding, exactly sized. */
    static byte[] encode(Unit unit) {
        ByteBuffer buffer = SCRATCH.get();
        while (true) {
            buffer.clear();
            try {
                encode(unit, buffer);
                return Arrays.copyOf(buffer.array(), buffer.position());
            } catch (BufferOverflowException e) {
                buffer = ByteBuffer.allocate(Math.multiplyExact(buffer.capacity(), 2));
                SCRATCH.set(buffer);
            }
        }
    }

    /**
     * Writes the unit at the buffer's position and moves it past the unit.
     *
     * @throws BufferOverflowException if the unit does not fit; the position is then left where it was
     */
    static void encode(Unit unit, ByteBuffer out) {
        int start = out.position();
        try {
            // State per call, not per thread: the OMS's threads outlive this bundle, a ThreadLocal would pin it.
            new Writer(out).unit(unit);
        } catch (BufferOverflowException e) {
            out.position(start);
            throw e;
        }
    }

    /**
     * Reads one unit at the buffer's position and moves it past the unit.
     *
     * @throws IllegalArgumentException if the bytes are not a unit; the position is then left where it was
     */
    static Unit decode(ByteBuffer in) {
        int start = in.position();
        try {
            return new Reader(in).unit();
        } catch (BufferUnderflowException e) {
            throw malformed(in, start, "truncated", e);
        } catch (IllegalArgumentException e) {
            throw malformed(in, start, e.getMessage(), e);
        } catch (NullPointerException | DateTimeException | ArithmeticException e) {
            // A record refusing a decoded value, an instant or a date out of range: the bytes are wrong.
            throw malformed(in, start, e.toString(), e);
        }
    }

    private static IllegalArgumentException malformed(ByteBuffer in, int start, String what, RuntimeException e) {
        int at = in.position() - start;
        in.position(start);
        return new IllegalArgumentException("malformed journal unit at byte " + at + ": " + what, e);
    }

    private static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    private static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    private static String value(PortfolioId id) {
        return id == null ? null : id.value();
    }

    private static String value(InstrumentId id) {
        return id == null ? null : id.value();
    }

    private static String value(VenueId id) {
        return id == null ? null : id.value();
    }

    /** The values of a type written (or read) so far in a unit, the first {@value #MAX_REFS}: back-references. */
    private static final class References<T> {
        private final String what;
        private Object[] table = new Object[4];
        private int size;

        References(String what) {
            this.what = what;
        }

        /** Index of an equal value (the same instance first: the usual case, and the cheapest), or -1. */
        int indexOf(T value) {
            for (int i = size - 1; i >= 0; i--) {
                if (table[i] == value) {
                    return i;
                }
            }
            for (int i = size - 1; i >= 0; i--) {
                if (table[i].equals(value)) {
                    return i;
                }
            }
            return -1;
        }

        void remember(T value) {
            if (size < MAX_REFS) {
                if (size == table.length) {
                    table = Arrays.copyOf(table, size * 2);
                }
                table[size++] = value;
            }
        }

        @SuppressWarnings("unchecked")
        T get(long ref) {
            if (ref < 0 || ref >= size) {
                throw new IllegalArgumentException("unknown " + what + " reference " + ref);
            }
            return (T) table[(int) ref];
        }
    }

    private static final class Writer {
        private final ByteBuffer out;
        private final References<OrderRequest> requests = new References<>("request");
        private final References<Order> orders = new References<>("order");
        private long lastSeconds;
        private int lastNanos;

        Writer(ByteBuffer out) {
            this.out = out;
        }

        void unit(Unit unit) {
            out.put(FORMAT);
            varLong(unit.orders.size());
            for (Map.Entry<OrderId, StoredOrder> e : unit.orders.entrySet()) {
                StoredOrder stored = e.getValue();
                // The key is the order's own id (0 says so); anything else is written as it is.
                varLong(e.getKey().equals(stored.id()) ? 0 : e.getKey().value());
                storedOrder(stored);
            }
            varLong(unit.events.size());
            for (OrderEvent event : unit.events) {
                event(event);
            }
            varLong(unit.positions.size());
            for (Map.Entry<PositionKey, Position> e : unit.positions.entrySet()) {
                PositionKey key = e.getKey();
                Position p = e.getValue();
                if (key.portfolio() != null && key.portfolio().equals(p.portfolioId()) && key.instrument() != null
                        && key.instrument().equals(p.instrumentId())) {
                    out.put((byte) 0);
                } else {
                    out.put((byte) 1);
                    string(value(key.portfolio()));
                    string(value(key.instrument()));
                }
                position(p);
            }
            varLong(unit.tradingStatuses.size());
            for (Map.Entry<String, TradingStatus> e : unit.tradingStatuses.entrySet()) {
                TradingStatus s = e.getValue();
                string(e.getKey());
                string(value(s.portfolio()));
                out.put((byte) s.state().ordinal());
                string(s.reason());
                instant(s.since());
            }
            varLong(unit.baselines.size());
            for (Map.Entry<PortfolioId, DailyPnlBaseline> e : unit.baselines.entrySet()) {
                DailyPnlBaseline b = e.getValue();
                string(value(e.getKey()));
                string(b.portfolio().value());
                varLong(zigzag(b.day().toEpochDay()));
                fixed(b.realized().raw());
                fixed(b.unrealized().raw());
                instant(b.recordedAt());
            }
            varLong(unit.audits.size());
            for (Unit.AuditDraft a : unit.audits) {
                audit(a);
            }
        }

        /** Flags: 1 internal. The OMS's working state is its bytes after their count, opaque here. */
        private void storedOrder(StoredOrder s) {
            order(s.order());
            varLong(s.version());
            out.put((byte) (s.internal() ? 1 : 0));
            varLong(s.working().length);
            out.put(s.working());
        }

        /**
         * Flags: 1 fill, 2 the fill's order, portfolio, instrument, venue and side are the order's (not written),
         * 4 a portfolio sequence follows (client-visible events; journals written before it have none).
         */
        private void event(OrderEvent e) {
            Fill f = e.fill();
            Order o = e.order();
            boolean same = f != null && f.orderId().equals(o.id()) && f.portfolioId().equals(o.portfolioId())
                    && f.instrumentId().equals(o.instrumentId()) && f.venueId().equals(o.venueId())
                    && f.side() == o.side();
            varLong(e.version());
            out.put((byte) e.type().ordinal());
            out.put((byte) ((f != null ? 1 : 0) | (same ? 2 : 0) | (e.sequence() != 0 ? 4 : 0)));
            if (e.sequence() != 0) {
                varLong(e.sequence());
            }
            order(o);
            if (f != null) {
                string(f.executionId());
                if (!same) {
                    varLong(f.orderId().value());
                    string(f.portfolioId().value());
                    string(f.instrumentId().value());
                    string(f.venueId().value());
                    out.put((byte) f.side().ordinal());
                }
                fixed(f.quantity().raw());
                fixed(f.price().raw());
                fixed(f.commission().raw());
                instant(f.timestamp());
            }
            string(e.reason());
            instant(e.timestamp());
        }

        /** Flags: 1 averagePrice. */
        private void order(Order o) {
            if (o == null) {
                out.put((byte) 0);
                return;
            }
            int ref = orders.indexOf(o);
            if (ref >= 0) {
                varLong(ref + 2L);
                return;
            }
            out.put((byte) 1);
            varLong(o.id().value());
            request(o.request());
            out.put((byte) o.status().ordinal());
            out.put((byte) ((o.averagePrice() != null ? 1 : 0) | (o.rejectCode() != null ? 2 : 0)));
            fixed(o.filledQuantity().raw());
            if (o.averagePrice() != null) {
                fixed(o.averagePrice().raw());
            }
            string(value(o.venueId()));
            string(o.reason());
            if (o.rejectCode() != null) {
                string(o.rejectCode().name());
            }
            instant(o.createdAt());
            instant(o.updatedAt());
            orders.remember(o);
        }

        /** Flags: 1 postOnly, 2 reduceOnly, 4 limitPrice, 8 stopPrice, 16 expireTime. */
        private void request(OrderRequest r) {
            if (r == null) {
                out.put((byte) 0);
                return;
            }
            int ref = requests.indexOf(r);
            if (ref >= 0) {
                varLong(ref + 2L);
                return;
            }
            out.put((byte) 1);
            string(r.clientOrderId().value());
            string(r.portfolioId().value());
            string(r.instrumentId().value());
            out.put((byte) r.side().ordinal());
            out.put((byte) r.type().ordinal());
            out.put((byte) r.timeInForce().ordinal());
            out.put((byte) ((r.postOnly() ? 1 : 0) | (r.reduceOnly() ? 2 : 0) | (r.limitPrice() != null ? 4 : 0)
                    | (r.stopPrice() != null ? 8 : 0) | (r.expireTime() != null ? 16 : 0)));
            fixed(r.quantity().raw());
            if (r.limitPrice() != null) {
                fixed(r.limitPrice().raw());
            }
            if (r.stopPrice() != null) {
                fixed(r.stopPrice().raw());
            }
            if (r.expireTime() != null) {
                instant(r.expireTime());
            }
            string(value(r.venueId()));
            requests.remember(r);
        }

        private void position(Position p) {
            string(p.portfolioId().value());
            string(p.instrumentId().value());
            fixed(p.quantity().raw());
            fixed(p.averagePrice().raw());
            fixed(p.realizedPnl().raw());
            fixed(p.commissions().raw());
            varLong(p.fillCount());
            instant(p.updatedAt());
        }

        /** Flags: 1 timestamp, 2 category, 4 fields (each may be null in a draft). */
        private void audit(Unit.AuditDraft a) {
            out.put((byte) ((a.timestamp() != null ? 1 : 0) | (a.category() != null ? 2 : 0)
                    | (a.fields() != null ? 4 : 0)));
            if (a.timestamp() != null) {
                instant(a.timestamp());
            }
            if (a.category() != null) {
                out.put((byte) a.category().ordinal());
            }
            string(a.type());
            string(a.subject());
            string(value(a.portfolio()));
            string(a.detail());
            if (a.fields() != null) {
                varLong(a.fields().size());
                for (Map.Entry<String, String> e : a.fields().entrySet()) {
                    string(e.getKey());
                    string(e.getValue());
                }
            }
        }

        private void instant(Instant t) {
            long seconds = t.getEpochSecond();
            int nanos = t.getNano();
            long deltaSeconds = seconds - lastSeconds;
            if (deltaSeconds > -MAX_DELTA_SECONDS && deltaSeconds < MAX_DELTA_SECONDS) {
                varLong(zigzag(deltaSeconds * NANOS_PER_SECOND + (nanos - lastNanos)) << 1);
            } else {
                out.put((byte) 1);
                varLong(zigzag(seconds));
                varLong(nanos);
            }
            lastSeconds = seconds;
            lastNanos = nanos;
        }

        private void fixed(long raw) {
            long m = raw;
            int k = 0;
            while (m != 0 && k < RAW - 1 && m % 10 == 0) {
                m /= 10;
                k++;
            }
            long z = zigzag(m);
            if (z >>> 60 == 0) {
                varLong(z << 4 | k);
            } else {
                out.put((byte) RAW);
                varLong(zigzag(raw));
            }
        }

        private void string(String s) {
            if (s == null) {
                out.put((byte) 0);
                return;
            }
            int length = s.length();
            int bytes = length;
            for (int i = 0; i < length; i++) {
                char c = s.charAt(i);
                if (c >= 0x80) {
                    bytes += c >= 0x800 ? 2 : 1;
                }
            }
            varLong(bytes + 1L);
            if (out.remaining() < bytes) {
                throw new BufferOverflowException();
            }
            if (bytes == length) {
                for (int i = 0; i < length; i++) {
                    out.put((byte) s.charAt(i));
                }
                return;
            }
            for (int i = 0; i < length; i++) {
                char c = s.charAt(i);
                if (c < 0x80) {
                    out.put((byte) c);
                } else if (c < 0x800) {
                    out.put((byte) (0xC0 | c >> 6));
                    out.put((byte) (0x80 | c & 0x3F));
                } else {
                    out.put((byte) (0xE0 | c >> 12));
                    out.put((byte) (0x80 | c >> 6 & 0x3F));
                    out.put((byte) (0x80 | c & 0x3F));
                }
            }
        }

        private void varLong(long v) {
            while ((v & ~0x7FL) != 0) {
                out.put((byte) (v | 0x80));
                v >>>= 7;
            }
            out.put((byte) v);
        }
    }

    /**
     * The last id of a type read: an id's constructor runs a regex (~100 ns), and a unit repeats its portfolio,
     * instrument and venue.
     */
    private static final class Recent<T> {
        private final Function<String, T> make;
        private final Function<T, String> value;
        private T last;

        Recent(Function<String, T> make, Function<T, String> value) {
            this.make = make;
            this.value = value;
        }

        T of(String text) {
            if (text == null) {
                return null;
            }
            if (last == null || !value.apply(last).equals(text)) {
                last = make.apply(text);
            }
            return last;
        }
    }

    private static final class Reader {
        private final ByteBuffer in;
        private final References<OrderRequest> requests = new References<>("request");
        private final References<Order> orders = new References<>("order");
        private long lastSeconds;
        private int lastNanos;
        private byte[] bytes = new byte[64];
        private final Recent<PortfolioId> portfolios = new Recent<>(PortfolioId::of, PortfolioId::value);
        private final Recent<InstrumentId> instruments = new Recent<>(InstrumentId::of, InstrumentId::value);
        private final Recent<VenueId> venues = new Recent<>(VenueId::of, VenueId::value);

        Reader(ByteBuffer in) {
            this.in = in;
        }

        Unit unit() {
            byte format = in.get();
            if (format != FORMAT) {
                throw new IllegalArgumentException("unknown format " + format + " (this version writes " + FORMAT
                        + "; a journal of an earlier version cannot be read: see the upgrade notes in README.md)");
            }
            Unit unit = new Unit();
            for (int n = count("order"); n > 0; n--) {
                long key = varLong();
                StoredOrder stored = storedOrder();
                unit.orders.put(key == 0 ? stored.id() : OrderId.of(key), stored);
            }
            for (int n = count("event"); n > 0; n--) {
                unit.events.add(event());
            }
            for (int n = count("position"); n > 0; n--) {
                int keyed = in.get();
                if (keyed != 0 && keyed != 1) {
                    throw new IllegalArgumentException("bad position key tag " + keyed);
                }
                PositionKey key = keyed == 0 ? null : new PositionKey(portfolioId(), instrumentId());
                Position p = position();
                unit.positions.put(key == null ? PositionKey.of(p) : key, p);
            }
            for (int n = count("trading status"); n > 0; n--) {
                String key = string();
                unit.tradingStatuses.put(key, new TradingStatus(portfolioId(),
                        TRADING_STATES[ordinal(TRADING_STATES.length, "TradingState")], string(), instant()));
            }
            for (int n = count("baseline"); n > 0; n--) {
                PortfolioId key = portfolioId();
                unit.baselines.put(key, new DailyPnlBaseline(portfolioId(), LocalDate.ofEpochDay(unzigzag(varLong())),
                        new Money(fixed()), new Money(fixed()), instant()));
            }
            for (int n = count("audit"); n > 0; n--) {
                unit.audits.add(audit());
            }
            return unit;
        }

        private StoredOrder storedOrder() {
            Order order = order();
            if (order == null) {
                throw new IllegalArgumentException("a stored order without its order");
            }
            int version = int32("version");
            int flags = flags(1, "stored order");
            byte[] working = new byte[count("working state byte")];
            in.get(working);
            return new StoredOrder(order, version, (flags & 1) != 0, working);
        }

        private OrderEvent event() {
            int version = int32("version");
            OrderEventType type = EVENT_TYPES[ordinal(EVENT_TYPES.length, "OrderEventType")];
            int flags = flags(7, "event");
            long sequence = (flags & 4) != 0 ? varLong() : 0;
            Order o = order();
            Fill fill = null;
            if ((flags & 1) != 0) {
                String executionId = string();
                boolean same = (flags & 2) != 0;
                if (same && o == null) {
                    throw new IllegalArgumentException("a fill taken from a missing order");
                }
                OrderId orderId = same ? o.id() : orderId();
                PortfolioId portfolio = same ? o.portfolioId() : portfolioId();
                InstrumentId instrument = same ? o.instrumentId() : instrumentId();
                VenueId venue = same ? o.venueId() : venueId();
                Side side = same ? o.side() : SIDES[ordinal(SIDES.length, "Side")];
                fill = new Fill(executionId, orderId, portfolio, instrument, venue, side, new Quantity(fixed()),
                        new Price(fixed()), new Money(fixed()), instant());
            }
            return new OrderEvent(version, type, o, fill, string(), instant(), sequence);
        }

        private Order order() {
            long header = varLong();
            if (header == 0) {
                return null;
            }
            if (header != 1) {
                return orders.get(header - 2);
            }
            OrderId id = orderId();
            OrderRequest request = request();
            OrderStatus status = STATUSES[ordinal(STATUSES.length, "OrderStatus")];
            int flags = flags(3, "order"); // 1: an average price, 2: a reject code
            Quantity filled = new Quantity(fixed());
            Price average = (flags & 1) != 0 ? new Price(fixed()) : null;
            Order o = new Order(id, request, status, filled, average, venueId(), string(),
                    (flags & 2) != 0 ? RejectCode.valueOf(string()) : null, instant(), instant());
            orders.remember(o);
            return o;
        }

        private OrderRequest request() {
            long header = varLong();
            if (header == 0) {
                return null;
            }
            if (header != 1) {
                return requests.get(header - 2);
            }
            ClientOrderId clientOrderId = ClientOrderId.of(string());
            PortfolioId portfolio = portfolioId();
            InstrumentId instrument = instrumentId();
            Side side = SIDES[ordinal(SIDES.length, "Side")];
            OrderType type = ORDER_TYPES[ordinal(ORDER_TYPES.length, "OrderType")];
            TimeInForce tif = TIME_IN_FORCES[ordinal(TIME_IN_FORCES.length, "TimeInForce")];
            int flags = flags(0x1F, "request");
            Quantity quantity = new Quantity(fixed());
            Price limit = (flags & 4) != 0 ? new Price(fixed()) : null;
            Price stop = (flags & 8) != 0 ? new Price(fixed()) : null;
            Instant expire = (flags & 16) != 0 ? instant() : null;
            OrderRequest r = new OrderRequest(clientOrderId, portfolio, instrument, side, type, quantity, limit, stop,
                    tif, expire, venueId(), (flags & 1) != 0, (flags & 2) != 0);
            requests.remember(r);
            return r;
        }

        private Position position() {
            return new Position(portfolioId(), instrumentId(), new Quantity(fixed()), new Price(fixed()),
                    new Money(fixed()), new Money(fixed()), varLong(), instant());
        }

        private Unit.AuditDraft audit() {
            int flags = flags(7, "audit");
            Instant timestamp = (flags & 1) != 0 ? instant() : null;
            AuditCategory category = (flags & 2) != 0 ? CATEGORIES[ordinal(CATEGORIES.length, "AuditCategory")]
                    : null;
            String type = string();
            String subject = string();
            PortfolioId portfolio = portfolioId();
            String detail = string();
            Map<String, String> fields = null;
            if ((flags & 4) != 0) {
                int n = count("audit field");
                fields = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    fields.put(string(), string());
                }
            }
            return new Unit.AuditDraft(timestamp, category, type, subject, portfolio, detail, fields);
        }

        private OrderId orderId() {
            return OrderId.of(varLong());
        }

        private PortfolioId portfolioId() {
            return portfolios.of(string());
        }

        private InstrumentId instrumentId() {
            return instruments.of(string());
        }

        private VenueId venueId() {
            return venues.of(string());
        }

        private Instant instant() {
            long header = varLong();
            long seconds;
            long nanos;
            if ((header & 1) == 0) {
                // |delta| <= 2^62: adding the previous nanos cannot overflow.
                long total = lastNanos + unzigzag(header >>> 1);
                seconds = lastSeconds + Math.floorDiv(total, NANOS_PER_SECOND);
                nanos = Math.floorMod(total, NANOS_PER_SECOND);
            } else if (header == 1) {
                seconds = unzigzag(varLong());
                nanos = varLong();
                if (nanos < 0 || nanos >= NANOS_PER_SECOND) {
                    throw new IllegalArgumentException("bad nanoseconds " + nanos);
                }
            } else {
                throw new IllegalArgumentException("bad instant header " + header);
            }
            Instant t = Instant.ofEpochSecond(seconds, nanos);
            lastSeconds = seconds;
            lastNanos = (int) nanos;
            return t;
        }

        private long fixed() {
            long header = varLong();
            int k = (int) (header & 15);
            if (k == RAW) {
                if (header != RAW) {
                    throw new IllegalArgumentException("bad fixed-point header " + header);
                }
                return unzigzag(varLong());
            }
            return Math.multiplyExact(unzigzag(header >>> 4), POW10[k]);
        }

        private String string() {
            long header = varLong();
            if (header == 0) {
                return null;
            }
            long length = header - 1;
            if (length < 0 || length > in.remaining()) {
                throw new IllegalArgumentException("string of " + Long.toUnsignedString(length) + " bytes with "
                        + in.remaining() + " left");
            }
            int n = (int) length;
            if (bytes.length < n) {
                bytes = new byte[Math.max(n, bytes.length * 2)];
            }
            byte[] b = bytes;
            in.get(b, 0, n);
            int i = 0;
            while (i < n && b[i] >= 0) {
                i++;
            }
            if (i == n) {
                return new String(b, 0, n, StandardCharsets.ISO_8859_1);
            }
            char[] chars = new char[n];
            int c = 0;
            for (i = 0; i < n;) {
                int b0 = b[i++] & 0xFF;
                if (b0 < 0x80) {
                    chars[c++] = (char) b0;
                } else if ((b0 & 0xE0) == 0xC0) {
                    chars[c++] = (char) ((b0 & 0x1F) << 6 | continuation(b, i++, n));
                } else if ((b0 & 0xF0) == 0xE0) {
                    int high = continuation(b, i++, n);
                    chars[c++] = (char) ((b0 & 0x0F) << 12 | high << 6 | continuation(b, i++, n));
                } else {
                    throw new IllegalArgumentException("bad UTF-8 lead byte " + b0);
                }
            }
            return new String(chars, 0, c);
        }

        private static int continuation(byte[] b, int i, int n) {
            if (i >= n || (b[i] & 0xC0) != 0x80) {
                throw new IllegalArgumentException("bad UTF-8 continuation");
            }
            return b[i] & 0x3F;
        }

        /** A count of entries, each at least one byte: more than the bytes left is corruption, not a big unit. */
        private int count(String what) {
            long n = varLong();
            if (n < 0 || n > in.remaining()) {
                throw new IllegalArgumentException(what + " count " + Long.toUnsignedString(n) + " with "
                        + in.remaining() + " bytes left");
            }
            return (int) n;
        }

        private int int32(String what) {
            long v = varLong();
            if (v < 0 || v > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("bad " + what + " " + Long.toUnsignedString(v));
            }
            return (int) v;
        }

        private int ordinal(int size, String what) {
            int b = in.get() & 0xFF;
            if (b >= size) {
                throw new IllegalArgumentException("bad " + what + " ordinal " + b);
            }
            return b;
        }

        private int flags(int allowed, String what) {
            int b = in.get() & 0xFF;
            if ((b & ~allowed) != 0) {
                throw new IllegalArgumentException("bad " + what + " flags " + b);
            }
            return b;
        }

        private long varLong() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte b = in.get();
                v |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    if (shift == 63 && b > 1) {
                        throw new IllegalArgumentException("varint beyond 64 bits");
                    }
                    return v;
                }
            }
            throw new IllegalArgumentException("varint longer than 10 bytes");
        }
    }
}
