package org.nautilus.grid.internal.store;

import static org.nautilus.grid.internal.store.BinaryFields.writeInstant;
import static org.nautilus.grid.internal.store.BinaryFields.writeOptional;
import static org.nautilus.grid.internal.store.BinaryFields.writeOptionalInstant;
import static org.nautilus.grid.internal.store.OrderCodecs.ORDER_FIELD;

import java.util.Map;
import org.apache.ignite.IgniteBinary;
import org.apache.ignite.binary.BinaryObject;
import org.apache.ignite.binary.BinaryObjectBuilder;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.store.StoredOrder;

/**
 * The order and event rows as the store wrote them before the caches held the journal's encoding (nested binary
 * objects): the writers, kept here only to prove that such rows are still read.
 */
final class EarlierLayout {

    private static final String FILL_TYPE = "nautilus.Fill";

    private EarlierLayout() {
    }

    static BinaryObject storedOrder(IgniteBinary binary, StoredOrder o) {
        BinaryObjectBuilder out = binary.builder(OrderCodecs.STORED_ORDER_TYPE);
        out.setField("order", order(binary, o.order(), null));
        out.setField("version", o.version(), int.class);
        out.setField("internal", o.internal(), boolean.class);
        if (o.working().length > 0) {
            out.setField("working", o.working(), byte[].class);
        }
        return out.build();
    }

    static BinaryObject events(IgniteBinary binary, long firstSequence, String node, OrderEvent... events) {
        BinaryObject[] bodies = new BinaryObject[events.length];
        for (int i = 0; i < bodies.length; i++) {
            bodies[i] = eventBody(binary, events[i], null);
        }
        BinaryObjectBuilder out = binary.builder(OrderCodecs.JOURNALED_EVENTS);
        out.setField("sequence", firstSequence, long.class);
        out.setField("count", bodies.length, int.class);
        out.setField("node", node, String.class);
        out.setField(OrderCodecs.EVENTS_FIELD, bodies, Object[].class);
        return out.build();
    }

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
}
