package org.nautilus.grid.internal.store;

import static org.nautilus.grid.internal.store.BinaryFields.bool;
import static org.nautilus.grid.internal.store.BinaryFields.bytes;
import static org.nautilus.grid.internal.store.BinaryFields.instant;
import static org.nautilus.grid.internal.store.BinaryFields.int32;
import static org.nautilus.grid.internal.store.BinaryFields.int64;
import static org.nautilus.grid.internal.store.BinaryFields.object;
import static org.nautilus.grid.internal.store.BinaryFields.optInstant;
import static org.nautilus.grid.internal.store.BinaryFields.optInt64;
import static org.nautilus.grid.internal.store.BinaryFields.optObject;
import static org.nautilus.grid.internal.store.BinaryFields.optString;
import static org.nautilus.grid.internal.store.BinaryFields.string;
import static org.nautilus.grid.internal.store.BinaryFields.writeInstant;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.ignite.binary.BinaryObject;
import org.apache.ignite.binary.BinaryObjectBuilder;
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
 * The Ignite caches' forms of orders and their events (without the journal). A stored order is its journal encoding
 * ({@link OrderJournalCodec}) in one field; rows of the earlier nested layout are still read. Events are still binary
 * objects: fixed-point amounts are their raw {@code long}s, enums their names, instants seconds + nanoseconds; an
 * order and a request are nested binary objects. Absent optional fields read back as {@code null}.
 */
final class OrderCodecs {

    static final String ORDER_KEY = "nautilus.OrderKey";
    static final String EVENT_KEY = "nautilus.OrderEventKey";
    static final String FILL_KEY = "nautilus.FillKey";
    static final String CLIENT_KEY = "nautilus.ClientOrderKey";
    static final String ORDER_FIELD = "orderId";

    /** Key of an event: its order and its number. */
    record EventKey(OrderId orderId, int version) {
    }

    /** Key of a fill: its order and the venue's execution id. */
    record FillKey(OrderId orderId, String executionId) {
    }

    /**
     * An event as stored: the event, the commit sequence it got (its place in the audit journal) and the node that
     * committed it.
     */
    record StoredEvent(OrderEvent event, long sequence, String node) {
    }

    /**
     * The events one unit of work made for one order, stored as one entry under the key of the first: numbered
     * {@code firstSequence}, {@code firstSequence + 1}, ... in the audit journal.
     */
    record StoredEvents(List<OrderEvent> events, long firstSequence, String node) {

        StoredEvent get(int i) {
            return new StoredEvent(events.get(i), firstSequence + i, node);
        }
    }

    /** An order id as the value of an idempotency key. */
    record OrderRef(OrderId id) {
    }

    private OrderCodecs() {
    }

    static final BinaryCodec<OrderId> ORDER_ID = new BinaryCodec<>() {
        @Override
        public String typeName() {
            return ORDER_KEY;
        }

        @Override
        public void write(OrderId id, BinaryObjectBuilder out) {
            out.setField(ORDER_FIELD, id.value(), long.class);
        }

        @Override
        public OrderId read(BinaryObject in) {
            return OrderId.of(int64(in, ORDER_FIELD));
        }
    };

    static final BinaryCodec<EventKey> EVENT_ID = new BinaryCodec<>() {
        @Override
        public String typeName() {
            return EVENT_KEY;
        }

        @Override
        public void write(EventKey key, BinaryObjectBuilder out) {
            out.setField(ORDER_FIELD, key.orderId().value(), long.class);
            out.setField("version", key.version(), int.class);
        }

        @Override
        public EventKey read(BinaryObject in) {
            return new EventKey(OrderId.of(int64(in, ORDER_FIELD)), int32(in, "version"));
        }
    };

    static final BinaryCodec<FillKey> FILL_ID = new BinaryCodec<>() {
        @Override
        public String typeName() {
            return FILL_KEY;
        }

        @Override
        public void write(FillKey key, BinaryObjectBuilder out) {
            out.setField(ORDER_FIELD, key.orderId().value(), long.class);
            out.setField("executionId", key.executionId(), String.class);
        }

        @Override
        public FillKey read(BinaryObject in) {
            return new FillKey(OrderId.of(int64(in, ORDER_FIELD)), string(in, "executionId"));
        }
    };

    static final BinaryCodec<ClientOrderId> CLIENT_ID = new BinaryCodec<>() {
        @Override
        public String typeName() {
            return CLIENT_KEY;
        }

        @Override
        public void write(ClientOrderId id, BinaryObjectBuilder out) {
            out.setField("clientOrderId", id.value(), String.class);
        }

        @Override
        public ClientOrderId read(BinaryObject in) {
            return ClientOrderId.of(string(in, "clientOrderId"));
        }
    };

    static final BinaryCodec<OrderRef> ORDER_REF = new BinaryCodec<>() {
        @Override
        public String typeName() {
            return "nautilus.OrderRef";
        }

        @Override
        public void write(OrderRef ref, BinaryObjectBuilder out) {
            out.setField(ORDER_FIELD, ref.id().value(), long.class);
        }

        @Override
        public OrderRef read(BinaryObject in) {
            return new OrderRef(OrderId.of(int64(in, ORDER_FIELD)));
        }
    };

    static final String STORED_ORDER_TYPE = "nautilus.StoredOrder";
    /** The field of a stored order in the journal's encoding ({@link OrderJournalCodec#encode(StoredOrder)}). */
    static final String JOURNAL_FORM = "journalForm";

    /**
     * A stored order as a binary object of one field, its bytes in the journal's encoding: one codec of an order
     * whether the store journals or writes the caches directly. Rows written before (nested {@code order},
     * {@code version}, {@code internal}, {@code working} fields) are still read.
     */
    static final BinaryCodec<StoredOrder> STORED_ORDER = new BinaryCodec<>() {
        @Override
        public String typeName() {
            return STORED_ORDER_TYPE;
        }

        @Override
        public void write(StoredOrder o, BinaryObjectBuilder out) {
            out.setField(JOURNAL_FORM, OrderJournalCodec.encode(o), byte[].class);
        }

        @Override
        public StoredOrder read(BinaryObject in) {
            if (in.hasField(JOURNAL_FORM)) {
                return OrderJournalCodec.decodeStoredOrder(bytes(in, JOURNAL_FORM));
            }
            return new StoredOrder(readOrder(object(in, "order")), int32(in, "version"), bool(in, "internal"),
                    bytes(in, "working"));
        }
    };

    static final String JOURNALED_EVENTS = "nautilus.JournaledEvents";
    /** The field of the earlier layout's events: one nested binary object per event. */
    static final String EVENTS_FIELD = "events";

    /**
     * One unit's events of one order in their stored form but for their numbering: their journal encoding
     * ({@link OrderJournalCodec#encodeEvents}, made on the thread that hands the unit over) and the fields the audit
     * journal filters on without decoding them (the order, its portfolio, the first event's time).
     */
    record EncodedEvents(OrderId orderId, String portfolio, Instant firstTimestamp, int count, byte[] form) {

        static EncodedEvents of(List<OrderEvent> events) {
            OrderEvent first = events.get(0);
            return new EncodedEvents(first.orderId(), first.order().portfolioId().value(), first.timestamp(),
                    events.size(), OrderJournalCodec.encodeEvents(events));
        }
    }

    /**
     * A unit's events of one order as stored: {@code sequence} (of the first) and {@code node}, given at commit,
     * around the events themselves in the journal's encoding (see {@link EncodedEvents}). Rows of the earlier layout
     * (a nested binary object per event) are still read.
     */
    static final BinaryCodec<StoredEvents> EVENTS = new BinaryCodec<>() {
        @Override
        public String typeName() {
            return JOURNALED_EVENTS;
        }

        @Override
        public void write(StoredEvents stored, BinaryObjectBuilder out) {
            wrap(out, stored.firstSequence(), stored.node(), EncodedEvents.of(stored.events()));
        }

        @Override
        public StoredEvents read(BinaryObject in) {
            List<OrderEvent> events;
            if (in.hasField(JOURNAL_FORM)) {
                events = OrderJournalCodec.decodeEvents(bytes(in, JOURNAL_FORM));
            } else {
                Object[] bodies = in.field(EVENTS_FIELD);
                if (bodies == null) {
                    throw new IllegalStateException("stored " + in.type().typeName() + " has neither '" + JOURNAL_FORM
                            + "' nor '" + EVENTS_FIELD + "'");
                }
                events = new ArrayList<>(bodies.length);
                for (Object body : bodies) {
                    events.add(readEventBody((BinaryObject) body));
                }
            }
            return new StoredEvents(events, int64(in, "sequence"), string(in, "node"));
        }
    };

    /** The stored form of a unit's events of one order, numbered from {@code firstSequence}, committed by {@code node}. */
    static void wrap(BinaryObjectBuilder out, long firstSequence, String node, EncodedEvents events) {
        out.setField("sequence", firstSequence, long.class);
        out.setField("count", events.count(), int.class);
        out.setField("node", node, String.class);
        out.setField(ORDER_FIELD, events.orderId().value(), long.class);
        out.setField("portfolio", events.portfolio(), String.class);
        writeInstant(out, "timestamp", events.firstTimestamp());
        out.setField(JOURNAL_FORM, events.form(), byte[].class);
    }

    // ------------------------------------------------------------------ the earlier layout, read only

    static OrderEvent readEventBody(BinaryObject in) {
        BinaryObject fill = optObject(in, "fill");
        return new OrderEvent(int32(in, "version"), OrderEventType.valueOf(string(in, "type")),
                readOrder(object(in, "order")), fill == null ? null : readFill(fill), optString(in, "reason"),
                instant(in, "timestamp"), in.hasField("sequence") ? int64(in, "sequence") : 0L);
    }

    static Order readOrder(BinaryObject in) {
        Long average = optInt64(in, "averagePrice");
        String venue = optString(in, "venueId");
        String rejectCode = optString(in, "rejectCode");
        return new Order(OrderId.of(int64(in, "id")), readRequest(object(in, "request")),
                OrderStatus.valueOf(string(in, "status")), new Quantity(int64(in, "filledQuantity")),
                average == null ? null : new Price(average), venue == null ? null : VenueId.of(venue),
                optString(in, "reason"), rejectCode == null ? null : RejectCode.valueOf(rejectCode),
                instant(in, "createdAt"), instant(in, "updatedAt"));
    }

    static OrderRequest readRequest(BinaryObject in) {
        Long limit = optInt64(in, "limitPrice");
        Long stop = optInt64(in, "stopPrice");
        String venue = optString(in, "venueId");
        return new OrderRequest(ClientOrderId.of(string(in, "clientOrderId")), PortfolioId.of(string(in, "portfolio")),
                InstrumentId.of(string(in, "instrument")), Side.valueOf(string(in, "side")),
                OrderType.valueOf(string(in, "type")), new Quantity(int64(in, "quantity")),
                limit == null ? null : new Price(limit), stop == null ? null : new Price(stop),
                TimeInForce.valueOf(string(in, "timeInForce")), optInstant(in, "expireTime"),
                venue == null ? null : VenueId.of(venue), bool(in, "postOnly"), bool(in, "reduceOnly"));
    }

    static Fill readFill(BinaryObject in) {
        return new Fill(string(in, "executionId"), OrderId.of(int64(in, ORDER_FIELD)),
                PortfolioId.of(string(in, "portfolio")), InstrumentId.of(string(in, "instrument")),
                VenueId.of(string(in, "venueId")), Side.valueOf(string(in, "side")),
                new Quantity(int64(in, "quantity")), new Price(int64(in, "price")),
                new Money(int64(in, "commission")), instant(in, "timestamp"));
    }
}
