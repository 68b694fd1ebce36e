package org.nautilus.grid.internal.store;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
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
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.RejectCode;
import org.nautilus.api.domain.Side;
import org.nautilus.api.domain.TimeInForce;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.oms.OrderEventType;
import org.nautilus.api.store.StoredOrder;

/**
 * The journal's one binary form of an order snapshot, and of what carries one: its request, the stored order (the
 * snapshot, version, internal flag and the OMS's working state as opaque bytes) and the order's events with their
 * fills. Requests and snapshots are written once per unit and referred back to after ({@code i + 2} for the i-th
 * value written before, of the first {@value #MAX_REFS}; {@code 0} null, {@code 1} a value follows): the OMS puts one
 * request in every snapshot of an order, and the stored order's snapshot is its last event's. A fill's order,
 * portfolio, instrument, venue and side are not written when they are its event's order's. Enums are their ordinal
 * in one byte; absent optional values a bit in the flags byte of their record. {@link UnitCodec} frames it in a unit.
 *
 * <p>It is also the Ignite caches' form of a stored order ({@link #encode(StoredOrder)}) and of one unit's events of an
 * order ({@link #encodeEvents}): a form byte, then the values as in a unit, back-references and instants relative to
 * that value alone. So an order has one encoding whichever way the store writes it (journal or Ignite transactions).
 */
final class OrderJournalCodec {

    /** At most this many requests (and snapshots) per unit can be referred back to: lookups scan the table. */
    static final int MAX_REFS = 64;

    private static final OrderStatus[] STATUSES = OrderStatus.values();
    private static final OrderEventType[] EVENT_TYPES = OrderEventType.values();
    private static final OrderType[] ORDER_TYPES = OrderType.values();
    private static final Side[] SIDES = Side.values();
    private static final TimeInForce[] TIME_IN_FORCES = TimeInForce.values();

    /** First byte of a stored order encoded on its own; a change of its layout takes the next value. */
    static final byte STORED_ORDER_FORM = 1;
    /** First byte of an order's events encoded on their own; a change of their layout takes the next value. */
    static final byte EVENTS_FORM = 1;

    private OrderJournalCodec() {
    }

    /** A stored order on its own (the order cache's value), exactly sized. */
    static byte[] encode(StoredOrder stored) {
        return JournalOut.bytes(buffer -> {
            JournalOut out = new JournalOut(buffer);
            out.put(STORED_ORDER_FORM);
            new Writer(out).storedOrder(stored);
        });
    }

    /**
     * Reads what {@link #encode(StoredOrder)} wrote.
     *
     * @throws IllegalArgumentException if the bytes are not a stored order of a known form
     */
    static StoredOrder decodeStoredOrder(byte[] bytes) {
        return decode(bytes, STORED_ORDER_FORM, "stored order", (in, reader) -> reader.storedOrder());
    }

    /**
     * One order's events of one unit on their own (the events cache's value), exactly sized: their count, then each
     * event, requests and snapshots written once and referred back to.
     */
    static byte[] encodeEvents(List<OrderEvent> events) {
        return JournalOut.bytes(buffer -> {
            JournalOut out = new JournalOut(buffer);
            out.put(EVENTS_FORM);
            out.varLong(events.size());
            Writer writer = new Writer(out);
            for (OrderEvent event : events) {
                writer.event(event);
            }
        });
    }

    /**
     * Reads what {@link #encodeEvents} wrote.
     *
     * @throws IllegalArgumentException if the bytes are not events of a known form
     */
    static List<OrderEvent> decodeEvents(byte[] bytes) {
        return decode(bytes, EVENTS_FORM, "order events", (in, reader) -> {
            int count = in.count("event");
            List<OrderEvent> events = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                events.add(reader.event());
            }
            return events;
        });
    }

    private static <T> T decode(byte[] bytes, byte form, String what, BiFunction<JournalIn, Reader, T> read) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        try {
            JournalIn in = new JournalIn(buffer);
            byte found = in.get();
            if (found != form) {
                throw new IllegalArgumentException("unknown form " + found + " (this version reads " + form + ")");
            }
            T value = read.apply(in, new Reader(in));
            if (buffer.hasRemaining()) {
                throw new IllegalArgumentException(buffer.remaining() + " byte(s) after the " + what);
            }
            return value;
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("malformed " + what + " at byte " + buffer.position() + ": truncated",
                    e);
        } catch (IllegalArgumentException | NullPointerException | DateTimeException | ArithmeticException e) {
            throw new IllegalArgumentException("malformed " + what + " at byte " + buffer.position() + ": "
                    + e.getMessage(), e);
        }
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

    /** Writes orders into one unit: its back-references live as long as the unit's encoding. */
    static final class Writer {
        private final JournalOut out;
        private final References<OrderRequest> requests = new References<>("request");
        private final References<Order> orders = new References<>("order");

        Writer(JournalOut out) {
            this.out = out;
        }

        /** Flags: 1 internal. The OMS's working state is its bytes after their count, opaque here. */
        void storedOrder(StoredOrder s) {
            order(s.order());
            out.varLong(s.version());
            out.put((byte) (s.internal() ? 1 : 0));
            out.varLong(s.working().length);
            out.put(s.working());
        }

        /**
         * Flags: 1 fill, 2 the fill's order, portfolio, instrument, venue and side are the order's (not written),
         * 4 a portfolio sequence follows (client-visible events; journals written before it have none).
         */
        void event(OrderEvent e) {
            Fill f = e.fill();
            Order o = e.order();
            boolean same = f != null && f.orderId().equals(o.id()) && f.portfolioId().equals(o.portfolioId())
                    && f.instrumentId().equals(o.instrumentId()) && f.venueId().equals(o.venueId())
                    && f.side() == o.side();
            out.varLong(e.version());
            out.put((byte) e.type().ordinal());
            out.put((byte) ((f != null ? 1 : 0) | (same ? 2 : 0) | (e.sequence() != 0 ? 4 : 0)));
            if (e.sequence() != 0) {
                out.varLong(e.sequence());
            }
            order(o);
            if (f != null) {
                out.string(f.executionId());
                if (!same) {
                    out.varLong(f.orderId().value());
                    out.string(f.portfolioId().value());
                    out.string(f.instrumentId().value());
                    out.string(f.venueId().value());
                    out.put((byte) f.side().ordinal());
                }
                out.fixed(f.quantity().raw());
                out.fixed(f.price().raw());
                out.fixed(f.commission().raw());
                out.instant(f.timestamp());
            }
            out.string(e.reason());
            out.instant(e.timestamp());
        }

        /** Flags: 1 averagePrice. */
        void order(Order o) {
            if (o == null) {
                out.put((byte) 0);
                return;
            }
            int ref = orders.indexOf(o);
            if (ref >= 0) {
                out.varLong(ref + 2L);
                return;
            }
            out.put((byte) 1);
            out.varLong(o.id().value());
            request(o.request());
            out.put((byte) o.status().ordinal());
            out.put((byte) ((o.averagePrice() != null ? 1 : 0) | (o.rejectCode() != null ? 2 : 0)));
            out.fixed(o.filledQuantity().raw());
            if (o.averagePrice() != null) {
                out.fixed(o.averagePrice().raw());
            }
            out.string(JournalOut.value(o.venueId()));
            out.string(o.reason());
            if (o.rejectCode() != null) {
                out.string(o.rejectCode().name());
            }
            out.instant(o.createdAt());
            out.instant(o.updatedAt());
            orders.remember(o);
        }

        /** Flags: 1 postOnly, 2 reduceOnly, 4 limitPrice, 8 stopPrice, 16 expireTime. */
        void request(OrderRequest r) {
            if (r == null) {
                out.put((byte) 0);
                return;
            }
            int ref = requests.indexOf(r);
            if (ref >= 0) {
                out.varLong(ref + 2L);
                return;
            }
            out.put((byte) 1);
            out.string(r.clientOrderId().value());
            out.string(r.portfolioId().value());
            out.string(r.instrumentId().value());
            out.put((byte) r.side().ordinal());
            out.put((byte) r.type().ordinal());
            out.put((byte) r.timeInForce().ordinal());
            out.put((byte) ((r.postOnly() ? 1 : 0) | (r.reduceOnly() ? 2 : 0) | (r.limitPrice() != null ? 4 : 0)
                    | (r.stopPrice() != null ? 8 : 0) | (r.expireTime() != null ? 16 : 0)));
            out.fixed(r.quantity().raw());
            if (r.limitPrice() != null) {
                out.fixed(r.limitPrice().raw());
            }
            if (r.stopPrice() != null) {
                out.fixed(r.stopPrice().raw());
            }
            if (r.expireTime() != null) {
                out.instant(r.expireTime());
            }
            out.string(JournalOut.value(r.venueId()));
            requests.remember(r);
        }
    }

    /** Reads the orders of one unit. */
    static final class Reader {
        private final JournalIn in;
        private final References<OrderRequest> requests = new References<>("request");
        private final References<Order> orders = new References<>("order");

        Reader(JournalIn in) {
            this.in = in;
        }

        StoredOrder storedOrder() {
            Order order = order();
            if (order == null) {
                throw new IllegalArgumentException("a stored order without its order");
            }
            int version = in.int32("version");
            int flags = in.flags(1, "stored order");
            byte[] working = new byte[in.count("working state byte")];
            in.get(working);
            return new StoredOrder(order, version, (flags & 1) != 0, working);
        }

        OrderEvent event() {
            int version = in.int32("version");
            OrderEventType type = EVENT_TYPES[in.ordinal(EVENT_TYPES.length, "OrderEventType")];
            int flags = in.flags(7, "event");
            long sequence = (flags & 4) != 0 ? in.varLong() : 0;
            Order o = order();
            Fill fill = null;
            if ((flags & 1) != 0) {
                String executionId = in.string();
                boolean same = (flags & 2) != 0;
                if (same && o == null) {
                    throw new IllegalArgumentException("a fill taken from a missing order");
                }
                OrderId orderId = same ? o.id() : in.orderId();
                PortfolioId portfolio = same ? o.portfolioId() : in.portfolioId();
                InstrumentId instrument = same ? o.instrumentId() : in.instrumentId();
                VenueId venue = same ? o.venueId() : in.venueId();
                Side side = same ? o.side() : SIDES[in.ordinal(SIDES.length, "Side")];
                fill = new Fill(executionId, orderId, portfolio, instrument, venue, side, new Quantity(in.fixed()),
                        new Price(in.fixed()), new Money(in.fixed()), in.instant());
            }
            return new OrderEvent(version, type, o, fill, in.string(), in.instant(), sequence);
        }

        Order order() {
            long header = in.varLong();
            if (header == 0) {
                return null;
            }
            if (header != 1) {
                return orders.get(header - 2);
            }
            OrderId id = in.orderId();
            OrderRequest request = request();
            OrderStatus status = STATUSES[in.ordinal(STATUSES.length, "OrderStatus")];
            int flags = in.flags(3, "order"); // 1: an average price, 2: a reject code
            Quantity filled = new Quantity(in.fixed());
            Price average = (flags & 1) != 0 ? new Price(in.fixed()) : null;
            Order o = new Order(id, request, status, filled, average, in.venueId(), in.string(),
                    (flags & 2) != 0 ? RejectCode.valueOf(in.string()) : null, in.instant(), in.instant());
            orders.remember(o);
            return o;
        }

        OrderRequest request() {
            long header = in.varLong();
            if (header == 0) {
                return null;
            }
            if (header != 1) {
                return requests.get(header - 2);
            }
            ClientOrderId clientOrderId = ClientOrderId.of(in.string());
            PortfolioId portfolio = in.portfolioId();
            InstrumentId instrument = in.instrumentId();
            Side side = SIDES[in.ordinal(SIDES.length, "Side")];
            OrderType type = ORDER_TYPES[in.ordinal(ORDER_TYPES.length, "OrderType")];
            TimeInForce tif = TIME_IN_FORCES[in.ordinal(TIME_IN_FORCES.length, "TimeInForce")];
            int flags = in.flags(0x1F, "request");
            Quantity quantity = new Quantity(in.fixed());
            Price limit = (flags & 4) != 0 ? new Price(in.fixed()) : null;
            Price stop = (flags & 8) != 0 ? new Price(in.fixed()) : null;
            Instant expire = (flags & 16) != 0 ? in.instant() : null;
            OrderRequest r = new OrderRequest(clientOrderId, portfolio, instrument, side, type, quantity, limit, stop,
                    tif, expire, in.venueId(), (flags & 1) != 0, (flags & 2) != 0);
            requests.remember(r);
            return r;
        }
    }
}
