package org.nautilus.grid.internal.store;

import java.nio.BufferOverflowException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nautilus.api.audit.AuditCategory;
import org.nautilus.api.domain.Money;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Position;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.oms.OrderEvent;
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
 *
 * <p>The building blocks are {@link JournalOut} and {@link JournalIn}; orders, requests, stored orders and events
 * are {@link OrderJournalCodec}'s (the one journal codec of an order snapshot); this class frames the unit and
 * writes its positions, trading statuses, baselines and audit drafts.
 */
final class UnitCodec {

    /** First byte of an encoded unit; a change of the layout takes the next value. */
    private static final byte FORMAT = 2;

    private static final TradingState[] TRADING_STATES = TradingState.values();
    private static final AuditCategory[] CATEGORIES = AuditCategory.values();

    private UnitCodec() {
    }

    /** The unit's encoding, exactly sized. */
    static byte[] encode(Unit unit) {
        return JournalOut.bytes(buffer -> encode(unit, buffer));
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

    /** The unit's parts in their order; orders through {@link OrderJournalCodec}. */
    private static final class Writer {
        private final JournalOut out;
        private final OrderJournalCodec.Writer orders;

        Writer(ByteBuffer buffer) {
            this.out = new JournalOut(buffer);
            this.orders = new OrderJournalCodec.Writer(out);
        }

        void unit(Unit unit) {
            out.put(FORMAT);
            out.varLong(unit.orders.size());
            for (Map.Entry<OrderId, StoredOrder> e : unit.orders.entrySet()) {
                StoredOrder stored = e.getValue();
                // The key is the order's own id (0 says so); anything else is written as it is.
                out.varLong(e.getKey().equals(stored.id()) ? 0 : e.getKey().value());
                orders.storedOrder(stored);
            }
            out.varLong(unit.events.size());
            for (OrderEvent event : unit.events) {
                orders.event(event);
            }
            out.varLong(unit.positions.size());
            for (Map.Entry<PositionKey, Position> e : unit.positions.entrySet()) {
                PositionKey key = e.getKey();
                Position p = e.getValue();
                if (key.portfolio() != null && key.portfolio().equals(p.portfolioId()) && key.instrument() != null
                        && key.instrument().equals(p.instrumentId())) {
                    out.put((byte) 0);
                } else {
                    out.put((byte) 1);
                    out.string(JournalOut.value(key.portfolio()));
                    out.string(JournalOut.value(key.instrument()));
                }
                position(p);
            }
            out.varLong(unit.tradingStatuses.size());
            for (Map.Entry<String, TradingStatus> e : unit.tradingStatuses.entrySet()) {
                TradingStatus s = e.getValue();
                out.string(e.getKey());
                out.string(JournalOut.value(s.portfolio()));
                out.put((byte) s.state().ordinal());
                out.string(s.reason());
                out.instant(s.since());
            }
            out.varLong(unit.baselines.size());
            for (Map.Entry<PortfolioId, DailyPnlBaseline> e : unit.baselines.entrySet()) {
                DailyPnlBaseline b = e.getValue();
                out.string(JournalOut.value(e.getKey()));
                out.string(b.portfolio().value());
                out.varLong(JournalOut.zigzag(b.day().toEpochDay()));
                out.fixed(b.realized().raw());
                out.fixed(b.unrealized().raw());
                out.instant(b.recordedAt());
            }
            out.varLong(unit.audits.size());
            for (Unit.AuditDraft a : unit.audits) {
                audit(a);
            }
        }

        private void position(Position p) {
            out.string(p.portfolioId().value());
            out.string(p.instrumentId().value());
            out.fixed(p.quantity().raw());
            out.fixed(p.averagePrice().raw());
            out.fixed(p.realizedPnl().raw());
            out.fixed(p.commissions().raw());
            out.varLong(p.fillCount());
            out.instant(p.updatedAt());
        }

        /** Flags: 1 timestamp, 2 category, 4 fields (each may be null in a draft). */
        private void audit(Unit.AuditDraft a) {
            out.put((byte) ((a.timestamp() != null ? 1 : 0) | (a.category() != null ? 2 : 0)
                    | (a.fields() != null ? 4 : 0)));
            if (a.timestamp() != null) {
                out.instant(a.timestamp());
            }
            if (a.category() != null) {
                out.put((byte) a.category().ordinal());
            }
            out.string(a.type());
            out.string(a.subject());
            out.string(JournalOut.value(a.portfolio()));
            out.string(a.detail());
            if (a.fields() != null) {
                out.varLong(a.fields().size());
                for (Map.Entry<String, String> e : a.fields().entrySet()) {
                    out.string(e.getKey());
                    out.string(e.getValue());
                }
            }
        }
    }

    private static final class Reader {
        private final JournalIn in;
        private final OrderJournalCodec.Reader orders;

        Reader(ByteBuffer buffer) {
            this.in = new JournalIn(buffer);
            this.orders = new OrderJournalCodec.Reader(in);
        }

        Unit unit() {
            byte format = in.get();
            if (format != FORMAT) {
                throw new IllegalArgumentException("unknown format " + format + " (this version writes " + FORMAT
                        + "; a journal of an earlier version cannot be read: see the upgrade notes in README.md)");
            }
            Unit unit = new Unit();
            for (int n = in.count("order"); n > 0; n--) {
                long key = in.varLong();
                StoredOrder stored = orders.storedOrder();
                unit.orders.put(key == 0 ? stored.id() : OrderId.of(key), stored);
            }
            for (int n = in.count("event"); n > 0; n--) {
                unit.events.add(orders.event());
            }
            for (int n = in.count("position"); n > 0; n--) {
                int keyed = in.get();
                if (keyed != 0 && keyed != 1) {
                    throw new IllegalArgumentException("bad position key tag " + keyed);
                }
                PositionKey key = keyed == 0 ? null : new PositionKey(in.portfolioId(), in.instrumentId());
                Position p = position();
                unit.positions.put(key == null ? PositionKey.of(p) : key, p);
            }
            for (int n = in.count("trading status"); n > 0; n--) {
                String key = in.string();
                unit.tradingStatuses.put(key, new TradingStatus(in.portfolioId(),
                        TRADING_STATES[in.ordinal(TRADING_STATES.length, "TradingState")], in.string(), in.instant()));
            }
            for (int n = in.count("baseline"); n > 0; n--) {
                PortfolioId key = in.portfolioId();
                unit.baselines.put(key,
                        new DailyPnlBaseline(in.portfolioId(), LocalDate.ofEpochDay(JournalIn.unzigzag(in.varLong())),
                                new Money(in.fixed()), new Money(in.fixed()), in.instant()));
            }
            for (int n = in.count("audit"); n > 0; n--) {
                unit.audits.add(audit());
            }
            return unit;
        }

        private Position position() {
            return new Position(in.portfolioId(), in.instrumentId(), new Quantity(in.fixed()), new Price(in.fixed()),
                    new Money(in.fixed()), new Money(in.fixed()), in.varLong(), in.instant());
        }

        private Unit.AuditDraft audit() {
            int flags = in.flags(7, "audit");
            Instant timestamp = (flags & 1) != 0 ? in.instant() : null;
            AuditCategory category = (flags & 2) != 0 ? CATEGORIES[in.ordinal(CATEGORIES.length, "AuditCategory")]
                    : null;
            String type = in.string();
            String subject = in.string();
            PortfolioId portfolio = in.portfolioId();
            String detail = in.string();
            Map<String, String> fields = null;
            if ((flags & 4) != 0) {
                int n = in.count("audit field");
                fields = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    fields.put(in.string(), in.string());
                }
            }
            return new Unit.AuditDraft(timestamp, category, type, subject, portfolio, detail, fields);
        }
    }
}
