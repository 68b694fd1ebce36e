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
import static org.nautilus.grid.internal.store.BinaryFields.writeOptional;
import static org.nautilus.grid.internal.store.BinaryFields.writeOptionalInstant;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.ignite.IgniteBinary;
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
 * Stored forms of orders, their events and fills. Fixed-point amounts are their raw {@code long}s, enums their
 * names, instants seconds + nanoseconds; an order and a request are nested binary objects. Absent optional fields
 * read back as {@code null}.
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

    /**
     * Request and order encodings shared while one unit is encoded, by identity (an order's snapshots and events
     * mostly carry the same request instance, and its stored state the same order snapshot as its last event); set
     * around the encoding of a unit, empty otherwise.
     */
    static final ThreadLocal<Map<Object, BinaryObject>> REQUESTS = new ThreadLocal<>();

    /** Codecs that nest objects need the binary facade to build them. */
    static BinaryCodec<StoredOrder> storedOrder(IgniteBinary binary) {
        return new BinaryCodec<>() {
            @Override
            public String typeName() {
                return "nautilus.StoredOrder";
            }

            @Override
            public void write(StoredOrder o, BinaryObjectBuilder out) {
                out.setField("order", order(binary, o.order(), REQUESTS.get()));
                out.setField("version", o.version(), int.class);
                out.setField("internal", o.internal(), boolean.class);
                if (o.working().length > 0) {
                    out.setField("working", o.working(), byte[].class);
                }
            }

            @Override
            public StoredOrder read(BinaryObject in) {
                return new StoredOrder(readOrder(object(in, "order")), int32(in, "version"), bool(in, "internal"),
                        bytes(in, "working"));
            }
        };
    }

    static final String JOURNALED_EVENTS = "nautilus.JournaledEvents";
    static final String EVENTS_FIELD = "events";

    /**
     * A unit's events of one order as stored: {@code sequence} (of the first) and {@code node}, given at commit,
     * around the events themselves (encoded before, by {@link #eventBody}, on the thread that handed the unit over).
     */
    static BinaryCodec<StoredEvents> events(IgniteBinary binary) {
        return new BinaryCodec<>() {
            @Override
            public String typeName() {
                return JOURNALED_EVENTS;
            }

            @Override
            public void write(StoredEvents stored, BinaryObjectBuilder out) {
                BinaryObject[] bodies = new BinaryObject[stored.events().size()];
                for (int i = 0; i < bodies.length; i++) {
                    bodies[i] = eventBody(binary, stored.events().get(i), null);
                }
                wrap(out, stored.firstSequence(), stored.node(), bodies);
            }

            @Override
            public StoredEvents read(BinaryObject in) {
                Object[] bodies = in.field(EVENTS_FIELD);
                if (bodies == null) {
                    throw new IllegalStateException("stored " + in.type().typeName() + " has no field '" + EVENTS_FIELD
                            + "'");
                }
                List<OrderEvent> events = new ArrayList<>(bodies.length);
                for (Object body : bodies) {
                    events.add(readEventBody((BinaryObject) body));
                }
                return new StoredEvents(events, int64(in, "sequence"), string(in, "node"));
            }
        };
    }

    static void wrap(BinaryObjectBuilder out, long firstSequence, String node, BinaryObject[] bodies) {
        out.setField("sequence", firstSequence, long.class);
        out.setField("count", bodies.length, int.class);
        out.setField("node", node, String.class);
        out.setField(EVENTS_FIELD, bodies, Object[].class);
    }

    /** The event itself; {@code requests} (may be {@code null}) reuses the encoding of a request already encoded. */
    static BinaryObject eventBody(IgniteBinary binary, OrderEvent e, Map<Object, BinaryObject> requests) {
        BinaryObjectBuilder out = binary.builder("nautilus.OrderEvent");
        out.setField(ORDER_FIELD, e.orderId().value(), long.class);
        out.setField("version", e.version(), int.class);
        out.setField("type", e.type().name(), String.class);
        out.setField("portfolio", e.order().portfolioId().value(), String.class);
        out.setField("order", order(binary, e.order(), requests));
        if (e.fill() != null) {
            out.setField("fill", fill(binary, e.fill()));
        }
        writeOptional(out, "reason", e.reason(), String.class);
        writeInstant(out, "timestamp", e.timestamp());
        out.setField("sequence", e.sequence(), long.class);
        return out.build();
    }

    static OrderEvent readEventBody(BinaryObject in) {
        BinaryObject fill = optObject(in, "fill");
        return new OrderEvent(int32(in, "version"), OrderEventType.valueOf(string(in, "type")),
                readOrder(object(in, "order")), fill == null ? null : readFill(fill), optString(in, "reason"),
                instant(in, "timestamp"), in.hasField("sequence") ? int64(in, "sequence") : 0L);
    }

    static BinaryCodec<Fill> fill(IgniteBinary binary) {
        return new BinaryCodec<>() {
            @Override
            public String typeName() {
                return FILL_TYPE;
            }

            @Override
            public void write(Fill f, BinaryObjectBuilder out) {
                writeFill(f, out);
            }

            @Override
            public Fill read(BinaryObject in) {
                return readFill(in);
            }
        };
    }

    // ------------------------------------------------------------------ nested objects

    private static final String FILL_TYPE = "nautilus.Fill";

    static BinaryObject order(IgniteBinary binary, Order o) {
        return order(binary, o, null);
    }

    /** @param requests encodings of requests and orders already made in this unit (by identity), or {@code null} */
    static BinaryObject order(IgniteBinary binary, Order o, Map<Object, BinaryObject> requests) {
        if (requests != null) {
            BinaryObject done = requests.get(o);
            if (done != null) {
                return done;
            }
        }
        BinaryObjectBuilder out = binary.builder("nautilus.Order");
        out.setField("id", o.id().value(), long.class);
        BinaryObject request = requests == null ? null : requests.get(o.request());
        if (request == null) {
            request = request(binary, o.request());
            if (requests != null) {
                requests.put(o.request(), request);
            }
        }
        out.setField("request", request);
        out.setField("status", o.status().name(), String.class);
        out.setField("filledQuantity", o.filledQuantity().raw(), long.class);
        writeOptional(out, "averagePrice", o.averagePrice() == null ? null : o.averagePrice().raw(), Long.class);
        writeOptional(out, "venueId", o.venueId() == null ? null : o.venueId().value(), String.class);
        writeOptional(out, "reason", o.reason(), String.class);
        writeOptional(out, "rejectCode", o.rejectCode() == null ? null : o.rejectCode().name(), String.class);
        writeInstant(out, "createdAt", o.createdAt());
        writeInstant(out, "updatedAt", o.updatedAt());
        BinaryObject built = out.build();
        if (requests != null) {
            requests.put(o, built);
        }
        return built;
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

    static BinaryObject request(IgniteBinary binary, OrderRequest r) {
        BinaryObjectBuilder out = binary.builder("nautilus.OrderRequest");
        out.setField("clientOrderId", r.clientOrderId().value(), String.class);
        out.setField("portfolio", r.portfolioId().value(), String.class);
        out.setField("instrument", r.instrumentId().value(), String.class);
        out.setField("side", r.side().name(), String.class);
        out.setField("type", r.type().name(), String.class);
        out.setField("quantity", r.quantity().raw(), long.class);
        writeOptional(out, "limitPrice", r.limitPrice() == null ? null : r.limitPrice().raw(), Long.class);
        writeOptional(out, "stopPrice", r.stopPrice() == null ? null : r.stopPrice().raw(), Long.class);
        out.setField("timeInForce", r.timeInForce().name(), String.class);
        writeOptionalInstant(out, "expireTime", r.expireTime());
        writeOptional(out, "venueId", r.venueId() == null ? null : r.venueId().value(), String.class);
        out.setField("postOnly", r.postOnly(), boolean.class);
        out.setField("reduceOnly", r.reduceOnly(), boolean.class);
        return out.build();
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

    static BinaryObject fill(IgniteBinary binary, Fill f) {
        BinaryObjectBuilder out = binary.builder(FILL_TYPE);
        writeFill(f, out);
        return out.build();
    }

    private static void writeFill(Fill f, BinaryObjectBuilder out) {
        out.setField("executionId", f.executionId(), String.class);
        out.setField(ORDER_FIELD, f.orderId().value(), long.class);
        out.setField("portfolio", f.portfolioId().value(), String.class);
        out.setField("instrument", f.instrumentId().value(), String.class);
        out.setField("venueId", f.venueId().value(), String.class);
        out.setField("side", f.side().name(), String.class);
        out.setField("quantity", f.quantity().raw(), long.class);
        out.setField("price", f.price().raw(), long.class);
        out.setField("commission", f.commission().raw(), long.class);
        writeInstant(out, "timestamp", f.timestamp());
    }

    static Fill readFill(BinaryObject in) {
        return new Fill(string(in, "executionId"), OrderId.of(int64(in, ORDER_FIELD)),
                PortfolioId.of(string(in, "portfolio")), InstrumentId.of(string(in, "instrument")),
                VenueId.of(string(in, "venueId")), Side.valueOf(string(in, "side")),
                new Quantity(int64(in, "quantity")), new Price(int64(in, "price")),
                new Money(int64(in, "commission")), instant(in, "timestamp"));
    }
}
