package org.nautilus.oms.internal.core;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.store.StoredOrder;

/**
 * What the OMS keeps durably about one order, as the OMS reads it: the order, its event count, and the OMS's working
 * state around it. The store sees a {@link StoredOrder}: the order, the version and {@link #internal()} it indexes,
 * and the working state as bytes only this class encodes and decodes, so that a new field here changes the OMS alone.
 *
 * @param parent           for a part of an order the router split: the order the client sees; else {@code null}
 * @param parts            for an order the router split: its parts, else empty
 * @param triggeredBy      the order whose fill releases this one (OTO), else {@code null}
 * @param triggers         the orders this one releases when filled (OTO), else empty
 * @param ocoGroup         the orders canceled when one of them trades or ends (OCO), this one included, else empty
 * @param ocoDone          the OCO group has already acted
 * @param triggersResolved the released orders have already been sent or canceled
 * @param cancelRequested  a cancel of the whole order was asked for
 * @param resumeStatus     the status to return to if a pending cancel or amend is refused, else {@code null}
 * @param pendingAmend     the request a pending amend asked for (the order's request with another quantity, limit or
 *                         stop price), else {@code null}
 * @param cancelReason     why a cancel the OMS itself sent happens (OCO), else {@code null}
 * @param expiry           why the OMS expires the order (DAY at the session close, GTD at its time) while the
 *                         expiry's cancel is pending: its confirmation, even after a restart, ends the order EXPIRED
 *                         with this reason; else {@code null}
 */
record OmsStoredOrder(Order order, int version, OrderId parent, List<OrderId> parts, OrderId triggeredBy,
        List<OrderId> triggers, List<OrderId> ocoGroup, boolean ocoDone, boolean triggersResolved,
        boolean cancelRequested, OrderStatus resumeStatus, OrderRequest pendingAmend,
        String cancelReason, String expiry) {

    /**
     * First byte of a non-empty working state; a change of the layout takes the next value. Format 1 has one flags
     * byte; {@link #FORMAT_WIDE_FLAGS} two (a flag above the first eight is set), and is written only then, so the
     * working state of an order without such a flag stays readable by an OMS that knows format 1 only.
     */
    private static final byte FORMAT = 1;
    private static final byte FORMAT_WIDE_FLAGS = 2;
    private static final byte[] NONE = new byte[0];
    private static final int PARENT = 1;
    private static final int TRIGGERED_BY = 2;
    private static final int RESUME_STATUS = 4;
    private static final int OCO_DONE = 8;
    private static final int TRIGGERS_RESOLVED = 16;
    private static final int CANCEL_REQUESTED = 32;
    private static final int PENDING_AMEND = 64;
    private static final int CANCEL_REASON = 128;
    private static final int EXPIRY = 256;
    private static final int AMEND_LIMIT = 1;
    private static final int AMEND_STOP = 2;

    OmsStoredOrder {
        parts = List.copyOf(parts);
        triggers = List.copyOf(triggers);
        ocoGroup = List.copyOf(ocoGroup);
    }

    OrderId id() {
        return order.id();
    }

    /** {@code true} for a part of a split order, which clients never see. */
    boolean internal() {
        return parent != null;
    }

    /** The form the store keeps: the order, its version and whether it is internal, and the rest as bytes. */
    StoredOrder toStored() {
        return new StoredOrder(order, version, internal(), encodeWorking());
    }

    /**
     * Reads an order the store gave back.
     *
     * @throws IllegalArgumentException if its working state is not one this class wrote (the message says which
     *                                  order and what is wrong)
     */
    static OmsStoredOrder of(StoredOrder stored) {
        try {
            return decode(stored);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("stored order " + stored.id() + ": working state of "
                    + stored.working().length + " byte(s) cannot be read (" + (e instanceof EOFException ? "truncated"
                            : e.getMessage())
                    + "); it was not written by this OMS", e);
        }
    }

    /**
     * Layout: nothing for an order without working state (most orders), else {@link #FORMAT}, a flags byte saying
     * which optional parts follow, then parent and triggering order ids, the resume status's name, the three id
     * lists (count, ids), the pending amend as its quantity, limit and stop price (the rest is the order's request),
     * the cancel reason and the expiry (each UTF-8 bytes after their count). The flags are one byte in format 1, two
     * in format 2.
     */
    private byte[] encodeWorking() {
        int flags = (parent != null ? PARENT : 0) | (triggeredBy != null ? TRIGGERED_BY : 0)
                | (resumeStatus != null ? RESUME_STATUS : 0) | (ocoDone ? OCO_DONE : 0)
                | (triggersResolved ? TRIGGERS_RESOLVED : 0) | (cancelRequested ? CANCEL_REQUESTED : 0)
                | (pendingAmend != null ? PENDING_AMEND : 0) | (cancelReason != null ? CANCEL_REASON : 0)
                | (expiry != null ? EXPIRY : 0);
        if (flags == 0 && parts.isEmpty() && triggers.isEmpty() && ocoGroup.isEmpty()) {
            return NONE;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            if (flags > 0xFF) {
                out.writeByte(FORMAT_WIDE_FLAGS);
                out.writeShort(flags);
            } else {
                out.writeByte(FORMAT);
                out.writeByte(flags);
            }
            if (parent != null) {
                out.writeLong(parent.value());
            }
            if (triggeredBy != null) {
                out.writeLong(triggeredBy.value());
            }
            if (resumeStatus != null) {
                out.writeUTF(resumeStatus.name());
            }
            writeIds(out, parts);
            writeIds(out, triggers);
            writeIds(out, ocoGroup);
            if (pendingAmend != null) {
                writeAmend(out);
            }
            if (cancelReason != null) {
                writeText(out, cancelReason);
            }
            if (expiry != null) {
                writeText(out, expiry);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void writeText(DataOutputStream out, String value) throws IOException {
        byte[] text = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(text.length);
        out.write(text);
    }

    private static String readText(DataInputStream in, String what) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IllegalArgumentException(what + " of " + length + " bytes with " + in.available() + " left");
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    /** An amend changes the quantity, the limit or the stop price of the order's request: only those are written. */
    private void writeAmend(DataOutputStream out) throws IOException {
        if (!amended(order.request(), pendingAmend.quantity(), pendingAmend.limitPrice(), pendingAmend.stopPrice())
                .equals(pendingAmend)) {
            throw new IllegalStateException("order " + order.id() + ": the pending amend " + pendingAmend
                    + " changes more than the quantity and prices of " + order.request());
        }
        out.writeLong(pendingAmend.quantity().raw());
        out.writeByte((pendingAmend.limitPrice() != null ? AMEND_LIMIT : 0)
                | (pendingAmend.stopPrice() != null ? AMEND_STOP : 0));
        if (pendingAmend.limitPrice() != null) {
            out.writeLong(pendingAmend.limitPrice().raw());
        }
        if (pendingAmend.stopPrice() != null) {
            out.writeLong(pendingAmend.stopPrice().raw());
        }
    }

    private static OrderRequest amended(OrderRequest r, Quantity quantity, Price limit, Price stop) {
        return new OrderRequest(r.clientOrderId(), r.portfolioId(), r.instrumentId(), r.side(), r.type(), quantity,
                limit, stop, r.timeInForce(), r.expireTime(), r.venueId(), r.postOnly(), r.reduceOnly());
    }

    private static OmsStoredOrder decode(StoredOrder stored) throws IOException {
        Order order = stored.order();
        byte[] working = stored.working();
        if (working.length == 0) {
            if (stored.internal()) {
                throw new IllegalArgumentException("an internal order without its parent");
            }
            return new OmsStoredOrder(order, stored.version(), null, List.of(), null, List.of(), List.of(), false,
                    false, false, null, null, null, null);
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(working));
        int format = in.readByte();
        if (format != FORMAT && format != FORMAT_WIDE_FLAGS) {
            throw new IllegalArgumentException("unknown format " + format);
        }
        int flags = format == FORMAT ? in.readUnsignedByte() : in.readUnsignedShort();
        if (format == FORMAT_WIDE_FLAGS && (flags & ~(2 * EXPIRY - 1)) != 0) {
            throw new IllegalArgumentException("unknown flags " + Integer.toBinaryString(flags));
        }
        OrderId parent = (flags & PARENT) != 0 ? OrderId.of(in.readLong()) : null;
        if ((parent != null) != stored.internal()) {
            throw new IllegalArgumentException("internal is " + stored.internal() + " but the parent is " + parent);
        }
        OrderId triggeredBy = (flags & TRIGGERED_BY) != 0 ? OrderId.of(in.readLong()) : null;
        OrderStatus resumeStatus = (flags & RESUME_STATUS) != 0 ? OrderStatus.valueOf(in.readUTF()) : null;
        List<OrderId> parts = readIds(in);
        List<OrderId> triggers = readIds(in);
        List<OrderId> ocoGroup = readIds(in);
        OrderRequest pendingAmend = null;
        if ((flags & PENDING_AMEND) != 0) {
            Quantity quantity = new Quantity(in.readLong());
            int prices = in.readUnsignedByte();
            if ((prices & ~(AMEND_LIMIT | AMEND_STOP)) != 0) {
                throw new IllegalArgumentException("bad amend flags " + prices);
            }
            Price limit = (prices & AMEND_LIMIT) != 0 ? new Price(in.readLong()) : null;
            Price stop = (prices & AMEND_STOP) != 0 ? new Price(in.readLong()) : null;
            pendingAmend = amended(order.request(), quantity, limit, stop);
        }
        String cancelReason = (flags & CANCEL_REASON) != 0 ? readText(in, "cancel reason") : null;
        String expiry = (flags & EXPIRY) != 0 ? readText(in, "expiry") : null;
        if (in.available() != 0) {
            throw new IllegalArgumentException(in.available() + " byte(s) left over");
        }
        return new OmsStoredOrder(order, stored.version(), parent, parts, triggeredBy, triggers, ocoGroup,
                (flags & OCO_DONE) != 0, (flags & TRIGGERS_RESOLVED) != 0, (flags & CANCEL_REQUESTED) != 0,
                resumeStatus, pendingAmend, cancelReason, expiry);
    }

    private static void writeIds(DataOutputStream out, List<OrderId> ids) throws IOException {
        out.writeInt(ids.size());
        for (OrderId id : ids) {
            out.writeLong(id.value());
        }
    }

    private static List<OrderId> readIds(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available() / Long.BYTES) {
            throw new IllegalArgumentException("id count " + n + " with " + in.available() + " bytes left");
        }
        OrderId[] ids = new OrderId[n];
        for (int i = 0; i < n; i++) {
            ids[i] = OrderId.of(in.readLong());
        }
        return List.of(ids);
    }
}
