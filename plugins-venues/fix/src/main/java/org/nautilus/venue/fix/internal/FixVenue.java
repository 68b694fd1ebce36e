package org.nautilus.venue.fix.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.nautilus.api.domain.Money;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.domain.OrderType;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.RejectCode;
import org.nautilus.api.domain.Side;
import org.nautilus.api.domain.TimeInForce;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.venue.ExecType;
import org.nautilus.api.venue.ExecutionListener;
import org.nautilus.api.venue.ExecutionReport;
import org.nautilus.api.venue.Venue;
import org.nautilus.api.venue.VenueConnectionListener;
import org.nautilus.api.venue.VenueOrder;
import org.nautilus.api.venue.VenuePosition;
import org.nautilus.api.venue.VenueQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.Application;
import quickfix.DoNotSend;
import quickfix.FieldMap;
import quickfix.FieldNotFound;
import quickfix.Message;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.field.ClOrdID;
import quickfix.field.CumQty;
import quickfix.field.CxlRejResponseTo;
import quickfix.field.ExecID;
import quickfix.field.ExecTransType;
import quickfix.field.LastPx;
import quickfix.field.LastShares;
import quickfix.field.MsgSeqNum;
import quickfix.field.MsgType;
import quickfix.field.OrdStatus;
import quickfix.field.OrigClOrdID;
import quickfix.field.PossDupFlag;
import quickfix.field.RefSeqNum;
import quickfix.field.Text;

/**
 * A venue behind one FIX session we initiate (QuickFIX/J, used directly: this class is the session's
 * {@link Application}). The OMS's child orders go out as NewOrderSingle (D), cancels as OrderCancelRequest (F), amends
 * as OrderCancelReplaceRequest (G), each shaped by the counterparty's {@link Dialect}; the ExecutionReports (8) and
 * OrderCancelRejects (9) that come back become the OMS's reports. Reconnect, session schedule and resend are
 * QuickFIX/J's; the venue is connected exactly while the session is logged on, and tells the OMS when that changes.
 *
 * <p>Fills are booked by CumQty (14), not by ExecID alone: an order's executed quantity at the counterparty only grows,
 * so whatever part of it we have not booked yet is booked once, whether it comes as a live fill, a fill resent after a
 * sequence gap (PossDup), or an order status answer. On every logon, each order we follow is asked for with an
 * OrderStatusRequest (H): fills missed while away are booked (as one execution per answer, at the price the
 * counterparty's AvgPx implies) and orders it closed get their end. The OMS's reconciliation asks this venue per order
 * ({@link #reconcile}): FIX order entry has no query of all open orders that counterparties commonly answer (4.4's
 * OrderMassStatusRequest is optional), and no positions, so {@link #openOrders} and {@link #positions} say so rather
 * than answer empty.
 *
 * <p>Application messages are never resent after a gap (a stale order must not reach a market late): QuickFIX/J
 * sends a SequenceReset-GapFill in their place, and the status request finds out what the counterparty has.
 */
public final class FixVenue implements Venue, Application, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FixVenue.class);
    private static final int ORD_REJ_REASON = 103;
    private static final int ORDER_QTY = 38;
    private static final char EXEC_ORDER_STATUS = 'I';
    private static final char EXEC_TRADE = 'F';
    private static final int SENT_KEPT = 10_000;

    private final VenueId id;
    private final SessionID session;
    private final Dialect dialect;
    private final Clock clock;
    private final String where;
    private final Map<OrderId, Tracked> orders = new ConcurrentHashMap<>();
    private final Map<String, Tracked> byClOrdId = new ConcurrentHashMap<>();
    /** Our application messages by MsgSeqNum, to find what a session Reject (3) refers to. */
    private final Map<Integer, String> sentClOrdIds = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, String> eldest) {
            return size() > SENT_KEPT; // a Reject refers to a recent message
        }
    });
    private final AtomicLong requestIds = new AtomicLong();
    private volatile boolean loggedOn;
    private volatile String reason = "not logged on yet";
    private volatile VenueConnectionListener connection;

    /** What is pending for one of our orders. */
    private enum Pending {
        NONE,
        CANCEL,
        AMEND
    }

    /** One order we sent (or were asked to reconcile). Changed under its own lock. */
    private static final class Tracked {
        final OrderId id;
        volatile ExecutionListener listener;
        Order order;
        /** The ClOrdID the counterparty knows the working order by (changes with each replace). */
        String clOrdId;
        Pending pending = Pending.NONE;
        String pendingClOrdId;
        Order pendingAmend;
        Quantity booked = Quantity.ZERO;
        BigDecimal bookedNotional = BigDecimal.ZERO;
        boolean accepted;
        boolean done;
        /** Every ClOrdID sent for this order, forgotten with it when it ends. */
        final List<String> clOrdIds = new ArrayList<>();

        Tracked(Order order, ExecutionListener listener, String clOrdId) {
            this.id = order.id();
            this.order = order;
            this.listener = listener;
            this.clOrdId = clOrdId;
        }
    }

    /**
     * @param id      the venue id
     * @param session the one session (BeginString, our SenderCompID, the counterparty's TargetCompID)
     * @param dialect the counterparty's differences
     * @param where   where the session connects, for the description
     */
    public FixVenue(VenueId id, SessionID session, Dialect dialect, Clock clock, String where) {
        this.id = Objects.requireNonNull(id, "id");
        this.session = Objects.requireNonNull(session, "session");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.where = where;
    }

    // ------------------------------------------------------------------ Venue

    @Override
    public VenueId id() {
        return id;
    }

    @Override
    public String description() {
        return "FIX " + session.getBeginString() + " session " + session.getSenderCompID() + "->"
                + session.getTargetCompID() + (where == null ? "" : " at " + where) + ", dialect " + dialect;
    }

    @Override
    public boolean connected() {
        return loggedOn;
    }

    /** Why the venue is not connected, {@code null} when it is. */
    public String reason() {
        return loggedOn ? null : reason;
    }

    @Override
    public void connectionListener(VenueConnectionListener listener) {
        connection = listener;
    }

    @Override
    public void submit(Order order, ExecutionListener listener) {
        // A new order's ClOrdID is its OMS order id (unique and durable): after a restart the status request can name it.
        String clOrdId = order.id().toString();
        Tracked t = new Tracked(order, listener, clOrdId);
        synchronized (t) {
            orders.put(order.id(), t);
            byClOrdId.put(clOrdId, t);
            t.clOrdIds.add(clOrdId);
            if (!loggedOn) {
                end(t, ExecutionReport.rejected(order.id(), id, "reject-" + clOrdId, RejectCode.VENUE_UNAVAILABLE,
                        "FIX session " + session + " is not logged on: " + reason, clock.instant()));
                return;
            }
            Message d = message(MsgType.ORDER_SINGLE);
            d.setString(ClOrdID.FIELD, clOrdId);
            if (!fix44()) {
                d.setChar(21, '1'); // HandlInst, required in 4.2: automated, no broker intervention
            }
            orderFields(d, order.request(), order.quantity());
            if (!send(d)) {
                end(t, ExecutionReport.rejected(order.id(), id, "reject-" + clOrdId, RejectCode.VENUE_UNAVAILABLE,
                        "FIX session " + session + " dropped before the order went out", clock.instant()));
            }
        }
    }

    @Override
    public void cancel(Order order, ExecutionListener listener) {
        Tracked t = orders.get(order.id());
        if (t == null) {
            listener.onReport(ExecutionReport.of(order.id(), id, ExecType.REJECTED, "cancel-" + order.id(),
                    "order " + order.id() + " is not working at " + id, clock.instant()));
            return;
        }
        synchronized (t) {
            t.listener = listener;
            if (!loggedOn) {
                report(t, ExecutionReport.of(order.id(), id, ExecType.REJECTED, "cancel-" + order.id(),
                        "cancel refused: FIX session " + session + " is not logged on: " + reason, clock.instant()));
                return;
            }
            String clOrdId = clOrdId(order.id());
            t.pending = Pending.CANCEL;
            t.pendingClOrdId = clOrdId;
            byClOrdId.put(clOrdId, t);
            t.clOrdIds.add(clOrdId);
            Message f = message(MsgType.ORDER_CANCEL_REQUEST);
            f.setString(OrigClOrdID.FIELD, t.clOrdId);
            f.setString(ClOrdID.FIELD, clOrdId);
            OrderRequest request = t.order.request();
            f.setString(55, request.instrumentId().value());
            f.setChar(54, side(request.side()));
            f.setString(ORDER_QTY, t.order.quantity().toBigDecimal().toPlainString());
            f.setUtcTimeStamp(60, now(), true);
            send(f);
        }
    }

    @Override
    public boolean supportsAmend() {
        return true;
    }

    @Override
    public void amend(Order amended, ExecutionListener listener) {
        Tracked t = orders.get(amended.id());
        if (t == null) {
            listener.onReport(ExecutionReport.of(amended.id(), id, ExecType.REPLACE_REJECTED, "amend-" + amended.id(),
                    "order " + amended.id() + " is not working at " + id, clock.instant()));
            return;
        }
        synchronized (t) {
            t.listener = listener;
            if (!loggedOn) {
                report(t, ExecutionReport.of(amended.id(), id, ExecType.REPLACE_REJECTED, "amend-" + amended.id(),
                        "amend refused: FIX session " + session + " is not logged on: " + reason, clock.instant()));
                return;
            }
            String clOrdId = clOrdId(amended.id());
            t.pending = Pending.AMEND;
            t.pendingClOrdId = clOrdId;
            t.pendingAmend = amended;
            byClOrdId.put(clOrdId, t);
            t.clOrdIds.add(clOrdId);
            Message g = message(MsgType.ORDER_CANCEL_REPLACE_REQUEST);
            g.setString(OrigClOrdID.FIELD, t.clOrdId);
            g.setString(ClOrdID.FIELD, clOrdId);
            if (!fix44()) {
                g.setChar(21, '1');
            }
            orderFields(g, amended.request(), amended.request().quantity());
            send(g);
        }
    }

    /**
     * After an OMS restart: follow this recovered order again and ask the counterparty for its status (now, or at the
     * next logon). What it answers that the OMS has not seen comes through {@code listener}.
     */
    @Override
    public void reconcile(Order order, ExecutionListener listener) {
        Tracked t = orders.computeIfAbsent(order.id(), o -> new Tracked(order, listener, order.id().toString()));
        synchronized (t) {
            t.listener = listener;
            t.order = order;
            t.accepted = order.status() != OrderStatus.SUBMITTED;
            if (t.booked.compareTo(order.filledQuantity()) < 0) {
                t.booked = order.filledQuantity();
                t.bookedNotional = order.averagePrice() == null ? BigDecimal.ZERO
                        : order.averagePrice().toBigDecimal().multiply(order.filledQuantity().toBigDecimal());
            }
            if (byClOrdId.putIfAbsent(t.clOrdId, t) == null) {
                t.clOrdIds.add(t.clOrdId);
            }
            if (loggedOn) {
                askStatus(t);
            }
        }
    }

    @Override
    public VenueQuery<List<VenueOrder>> openOrders() {
        return VenueQuery.unsupported("FIX venue " + id + " asks each order's status (OrderStatusRequest) on logon"
                + " instead of listing open orders");
    }

    @Override
    public VenueQuery<List<VenuePosition>> positions() {
        return VenueQuery.unsupported("FIX venue " + id + ": an order-entry session reports no positions");
    }

    /** Orders this venue follows that have not ended. */
    public int openOrderCount() {
        return (int) orders.values().stream().filter(t -> !t.done).count();
    }

    @Override
    public void close() {
        markDown("venue stopped");
    }

    // ------------------------------------------------------------------ outgoing

    private String clOrdId(OrderId order) {
        // A cancel's or amend's: the order id and a suffix unique across restarts of this venue (time-based).
        return order.toString() + "." + Long.toString(clock.millis(), 36) + requestIds.incrementAndGet();
    }

    private boolean fix44() {
        return session.getBeginString().compareTo("FIX.4.4") >= 0;
    }

    private Message message(String type) {
        Message message = new Message();
        message.getHeader().setString(MsgType.FIELD, type);
        return message;
    }

    private void orderFields(Message m, OrderRequest request, Quantity quantity) {
        m.setString(55, request.instrumentId().value());
        m.setChar(54, side(request.side()));
        m.setUtcTimeStamp(60, now(), true);
        m.setString(ORDER_QTY, quantity.toBigDecimal().toPlainString());
        m.setChar(40, dialect.orderType(request.type(), standardOrdType(request.type())));
        if (request.limitPrice() != null) {
            m.setString(44, request.limitPrice().toBigDecimal().toPlainString());
        }
        if (request.stopPrice() != null) {
            m.setString(99, request.stopPrice().toBigDecimal().toPlainString());
        }
        m.setChar(59, dialect.timeInForce(request.timeInForce(), standardTif(request.timeInForce())));
        if (request.expireTime() != null) {
            m.setUtcTimeStamp(126, LocalDateTime.ofInstant(request.expireTime(), ZoneOffset.UTC), true);
        }
    }

    private LocalDateTime now() {
        return LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    static char side(Side side) {
        return side == Side.BUY ? '1' : '2';
    }

    static char standardOrdType(OrderType type) {
        return switch (type) {
            case MARKET -> '1';
            case LIMIT -> '2';
            case STOP -> '3';
            case STOP_LIMIT -> '4';
        };
    }

    static char standardTif(TimeInForce tif) {
        return switch (tif) {
            case DAY -> '0';
            case GTC -> '1';
            case IOC -> '3';
            case FOK -> '4';
            case GTD -> '6';
        };
    }

    private boolean send(Message message) {
        Session s = Session.lookupSession(session);
        if (s == null) {
            return false;
        }
        return s.send(message);
    }

    /** Asks for one order's status (H); the answer is an ExecutionReport with ExecType I (4.2: ExecTransType 3). */
    private void askStatus(Tracked t) {
        Message h = message(MsgType.ORDER_STATUS_REQUEST);
        h.setString(ClOrdID.FIELD, t.clOrdId);
        h.setString(55, t.order.instrumentId().value());
        h.setChar(54, side(t.order.request().side()));
        Session s = Session.lookupSession(session);
        if (s != null) {
            s.send(h);
        }
    }

    // ------------------------------------------------------------------ QuickFIX/J

    @Override
    public void onCreate(SessionID sessionId) {
    }

    @Override
    public void onLogon(SessionID sessionId) {
        loggedOn = true;
        reason = null;
        LOG.info("FIX venue {}: logged on ({})", id, sessionId);
        VenueConnectionListener listener = connection;
        if (listener != null) {
            listener.connected(id);
        }
        // What happened to our orders while we were away: each one's status. (Resent fills, if the counterparty kept
        // the sequence, arrive as well; booking by CumQty counts each execution once.)
        for (Tracked t : orders.values()) {
            synchronized (t) {
                if (!t.done) {
                    askStatus(t);
                }
            }
        }
    }

    @Override
    public void onLogout(SessionID sessionId) {
        markDown("FIX session " + sessionId + " logged out or disconnected; QuickFIX/J reconnects");
    }

    private void markDown(String why) {
        boolean was = loggedOn;
        loggedOn = false;
        reason = why;
        if (was) {
            LOG.warn("FIX venue {}: {}", id, why);
            VenueConnectionListener listener = connection;
            if (listener != null) {
                listener.disconnected(id, why);
            }
        }
    }

    @Override
    public void toAdmin(Message message, SessionID sessionId) {
    }

    @Override
    public void fromAdmin(Message message, SessionID sessionId) throws FieldNotFound {
        if (MsgType.REJECT.equals(message.getHeader().getString(MsgType.FIELD))
                && message.isSetField(RefSeqNum.FIELD)) {
            String clOrdId = sentClOrdIds.remove(message.getInt(RefSeqNum.FIELD));
            if (clOrdId != null) {
                refused(clOrdId, "session Reject: " + text(message));
            }
        }
    }

    @Override
    public void toApp(Message message, SessionID sessionId) throws DoNotSend {
        FieldMap header = message.getHeader();
        try {
            if (header.isSetField(PossDupFlag.FIELD) && header.getBoolean(PossDupFlag.FIELD)) {
                throw new DoNotSend(); // never resend an order message late: QuickFIX/J gap-fills instead
            }
            String type = header.getString(MsgType.FIELD);
            if (!MsgType.ORDER_STATUS_REQUEST.equals(type) && message.isSetField(ClOrdID.FIELD)) {
                sentClOrdIds.put(header.getInt(MsgSeqNum.FIELD), message.getString(ClOrdID.FIELD));
            }
            dialect.apply(message, Session.lookupSession(sessionId).getDataDictionary());
        } catch (FieldNotFound e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void fromApp(Message message, SessionID sessionId) throws FieldNotFound {
        String type = message.getHeader().getString(MsgType.FIELD);
        switch (type) {
            case MsgType.EXECUTION_REPORT -> executionReport(message);
            case MsgType.ORDER_CANCEL_REJECT -> cancelReject(message);
            case MsgType.BUSINESS_MESSAGE_REJECT -> {
                if (message.isSetField(379)) {
                    refused(message.getString(379), "business reject: " + text(message));
                }
            }
            default -> LOG.debug("FIX venue {}: ignored message type {}", id, type);
        }
    }

    // ------------------------------------------------------------------ incoming

    private Tracked find(Message m) throws FieldNotFound {
        Tracked t = m.isSetField(ClOrdID.FIELD) ? byClOrdId.get(m.getString(ClOrdID.FIELD)) : null;
        if (t == null && m.isSetField(OrigClOrdID.FIELD)) {
            t = byClOrdId.get(m.getString(OrigClOrdID.FIELD));
        }
        return t;
    }

    private void executionReport(Message m) throws FieldNotFound {
        Tracked t = find(m);
        if (t == null) {
            // A resent report of an order that has ended is expected after a gap; anything else is worth a look.
            boolean resent = m.getHeader().isSetField(PossDupFlag.FIELD) && m.getHeader().getBoolean(PossDupFlag.FIELD);
            if (resent) {
                LOG.debug("FIX venue {}: a resent report of an ended order: {}", id,
                        m.toString().replace('\u0001', '|'));
            } else {
                LOG.warn("FIX venue {}: an ExecutionReport for an order we do not follow: {}", id,
                        m.toString().replace('\u0001', '|'));
            }
            return;
        }
        char execType = m.getChar(150);
        boolean status = execType == EXEC_ORDER_STATUS
                || (m.isSetField(ExecTransType.FIELD) && m.getChar(ExecTransType.FIELD) == ExecTransType.STATUS);
        Instant at = clock.instant();
        synchronized (t) {
            if (t.done) {
                return;
            }
            if (status) {
                statusAnswer(t, m, at);
                return;
            }
            switch (execType) {
                case '0' -> accept(t, at);
                case '1', '2', EXEC_TRADE -> {
                    accept(t, at);
                    bookUpTo(t, m, true, at);
                }
                case '4' -> {
                    bookUpTo(t, m, false, at);
                    end(t, ExecutionReport.of(t.id, id, ExecType.CANCELED, execId(m), text(m), at));
                }
                case 'C' -> {
                    bookUpTo(t, m, false, at);
                    end(t, ExecutionReport.of(t.id, id, ExecType.EXPIRED, execId(m), text(m), at));
                }
                case '5' -> replaced(t, m, at);
                case '8' -> {
                    String why = rejectText(m);
                    if (t.accepted) {
                        refused(t, m.isSetField(ClOrdID.FIELD) ? m.getString(ClOrdID.FIELD) : t.clOrdId, why);
                    } else {
                        end(t, ExecutionReport.rejected(t.id, id, execId(m), null, why, at));
                    }
                }
                default -> LOG.debug("FIX venue {}: ExecType {} of order {} needs no report", id, execType, t.id);
            }
        }
    }

    private void accept(Tracked t, Instant at) {
        if (!t.accepted) {
            t.accepted = true;
            report(t, ExecutionReport.of(t.id, id, ExecType.ACCEPTED, "accepted-" + t.clOrdId, null, at));
        }
    }

    private void replaced(Tracked t, Message m, Instant at) throws FieldNotFound {
        if (t.pending == Pending.AMEND && t.pendingAmend != null) {
            t.order = t.pendingAmend;
        }
        t.clOrdId = m.getString(ClOrdID.FIELD);
        t.pending = Pending.NONE;
        t.pendingAmend = null;
        report(t, ExecutionReport.of(t.id, id, ExecType.REPLACED, execId(m), null, at));
        bookUpTo(t, m, false, at);
    }

    /** The answer to a status request: book what we missed, then whatever end the order had. */
    private void statusAnswer(Tracked t, Message m, Instant at) throws FieldNotFound {
        char ordStatus = m.getChar(OrdStatus.FIELD);
        if (ordStatus == OrdStatus.REJECTED) {
            String why = "not known at venue " + id + " (status request answered: " + rejectText(m) + ")";
            end(t, t.accepted ? ExecutionReport.of(t.id, id, ExecType.CANCELED, execId(m), why, at)
                    : ExecutionReport.rejected(t.id, id, execId(m), null, why, at));
            return;
        }
        accept(t, at);
        bookUpTo(t, m, false, at);
        switch (ordStatus) {
            case OrdStatus.CANCELED -> end(t, ExecutionReport.of(t.id, id, ExecType.CANCELED, execId(m),
                    "canceled at venue " + id + (m.isSetField(Text.FIELD) ? ": " + text(m) : ""), at));
            case OrdStatus.EXPIRED -> end(t, ExecutionReport.of(t.id, id, ExecType.EXPIRED, execId(m), text(m), at));
            case OrdStatus.FILLED -> forget(t);
            default -> {
            }
        }
    }

    /**
     * Books the part of the order's CumQty we have not booked yet: the report's own execution (LastQty at LastPx,
     * ExecID) when it carries one, and whatever was missed before it as one execution at the price AvgPx implies.
     */
    private void bookUpTo(Tracked t, Message m, boolean trade, Instant at) throws FieldNotFound {
        if (!m.isSetField(CumQty.FIELD)) {
            return;
        }
        Quantity cum = Quantity.of(m.getDecimal(CumQty.FIELD));
        Quantity missing = cum.minus(t.booked);
        if (!missing.isPositive()) {
            return;
        }
        Quantity last = trade && m.isSetField(LastShares.FIELD) ? Quantity.of(m.getDecimal(LastShares.FIELD))
                : Quantity.ZERO;
        if (last.compareTo(missing) > 0) {
            last = missing;
        }
        Quantity before = missing.minus(last);
        if (before.isPositive()) {
            BigDecimal avg = m.isSetField(6) ? m.getDecimal(6) : BigDecimal.ZERO;
            BigDecimal lastNotional = last.isPositive() ? last.toBigDecimal().multiply(m.getDecimal(LastPx.FIELD))
                    : BigDecimal.ZERO;
            BigDecimal notional = avg.multiply(cum.toBigDecimal()).subtract(t.bookedNotional).subtract(lastNotional);
            Price price = Price.of(notional.divide(before.toBigDecimal(), 8, RoundingMode.HALF_EVEN));
            String executionId = id + "-" + t.clOrdId + "-cum-"
                    + t.booked.plus(before).toBigDecimal().stripTrailingZeros()
                            .toPlainString();
            book(t, ExecutionReport.fill(t.id, id, executionId, before, price, Money.ZERO, at));
        }
        if (last.isPositive()) {
            // Commission (12), when the counterparty reports it with the fill.
            Money commission = m.isSetField(12) ? Money.of(m.getDecimal(12)) : Money.ZERO;
            book(t, ExecutionReport.fill(t.id, id, execId(m), last, Price.of(m.getDecimal(LastPx.FIELD)), commission,
                    at));
        }
    }

    private void book(Tracked t, ExecutionReport fill) {
        t.booked = t.booked.plus(fill.lastQuantity());
        t.bookedNotional = t.bookedNotional.add(fill.lastQuantity().toBigDecimal().multiply(fill.lastPrice()
                .toBigDecimal()));
        if (t.booked.compareTo(t.order.quantity()) >= 0) {
            forget(t);
        }
        report(t, fill);
    }

    private void cancelReject(Message m) throws FieldNotFound {
        String clOrdId = m.isSetField(ClOrdID.FIELD) ? m.getString(ClOrdID.FIELD) : null;
        String why = (m.getChar(CxlRejResponseTo.FIELD) == CxlRejResponseTo.ORDER_CANCEL_REQUEST ? "cancel" : "amend")
                + " refused by " + id + ": " + rejectText(m);
        if (clOrdId != null) {
            refused(clOrdId, why);
        }
    }

    /** The counterparty refused the message we sent with this ClOrdID. */
    private void refused(String clOrdId, String why) {
        Tracked t = byClOrdId.get(clOrdId);
        if (t == null) {
            return;
        }
        synchronized (t) {
            refused(t, clOrdId, why);
        }
    }

    private void refused(Tracked t, String clOrdId, String why) {
        Instant at = clock.instant();
        if (clOrdId.equals(t.pendingClOrdId) && t.pending == Pending.AMEND) {
            t.pending = Pending.NONE;
            t.pendingAmend = null;
            report(t, ExecutionReport.of(t.id, id, ExecType.REPLACE_REJECTED, "amend-rejected-" + clOrdId, why, at));
        } else if (clOrdId.equals(t.pendingClOrdId) && t.pending == Pending.CANCEL) {
            t.pending = Pending.NONE;
            // A refused cancel: the OMS puts the order back as it was (REJECTED while its cancel is pending).
            report(t, ExecutionReport.of(t.id, id, ExecType.REJECTED, "cancel-rejected-" + clOrdId, why, at));
        } else if (!t.accepted && !t.done) {
            end(t, ExecutionReport.rejected(t.id, id, "rejected-" + clOrdId, null, why, at));
        }
    }

    private void end(Tracked t, ExecutionReport report) {
        forget(t);
        report(t, report);
    }

    /** The order ended: stop following it (a late or resent report of it is then logged and dropped). */
    private void forget(Tracked t) {
        t.done = true;
        orders.remove(t.id);
        t.clOrdIds.forEach(byClOrdId::remove);
    }

    private void report(Tracked t, ExecutionReport report) {
        try {
            t.listener.onReport(report);
        } catch (RuntimeException e) {
            LOG.error("FIX venue {}: the OMS refused report {} of order {}", id, report.type(), t.id, e);
        }
    }

    private static String execId(Message m) throws FieldNotFound {
        return m.isSetField(ExecID.FIELD) ? m.getString(ExecID.FIELD) : "no-exec-id-" + m.getHeader().getInt(34);
    }

    private static String text(Message m) throws FieldNotFound {
        return m.isSetField(Text.FIELD) ? m.getString(Text.FIELD) : null;
    }

    private static String rejectText(Message m) throws FieldNotFound {
        String text = text(m);
        String code = m.isSetField(ORD_REJ_REASON) ? "OrdRejReason " + m.getString(ORD_REJ_REASON)
                : m.isSetField(102) ? "CxlRejReason " + m.getString(102) : null;
        return text == null ? code == null ? "no reason given" : code : code == null ? text : text + " (" + code + ")";
    }
}
