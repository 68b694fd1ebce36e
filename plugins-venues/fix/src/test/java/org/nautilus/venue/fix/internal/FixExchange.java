package org.nautilus.venue.fix.internal;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.domain.OrderType;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;
import org.nautilus.api.domain.TimeInForce;
import org.nautilus.api.venue.ExecType;
import org.nautilus.api.venue.ExecutionListener;
import org.nautilus.api.venue.ExecutionReport;
import org.nautilus.venue.simulated.internal.SimulatedExchange;
import quickfix.Application;
import quickfix.DefaultMessageFactory;
import quickfix.FieldNotFound;
import quickfix.MemoryStoreFactory;
import quickfix.Message;
import quickfix.RejectLogon;
import quickfix.SLF4JLogFactory;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.ThreadedSocketAcceptor;
import quickfix.field.MsgType;
import quickfix.field.PossDupFlag;

/**
 * A FIX exchange of our own, for tests: the simulated exchange's matching engine behind a QuickFIX/J acceptor (one
 * session). NewOrderSingle, OrderCancelRequest, OrderCancelReplaceRequest and OrderStatusRequest go to the book; what
 * the book reports comes back as ExecutionReports (and OrderCancelRejects), as FIX 4.2 or 4.4 define them: ExecType,
 * OrdStatus, CumQty, LeavesQty, AvgPx. Reports made while the session is down are kept in the session's store and
 * resent on a ResendRequest. {@link #refuseLogons} keeps the counterparty out for a while (a network outage).
 */
final class FixExchange implements Application, AutoCloseable {

    private final SimulatedExchange book;
    private final SessionID session;
    private final ThreadedSocketAcceptor acceptor;
    private final boolean fix42;
    private final Map<String, Resting> byClOrdId = new ConcurrentHashMap<>();
    private final List<Message> received = new CopyOnWriteArrayList<>();
    private final AtomicLong orderIds = new AtomicLong(1000);
    private final AtomicLong execIds = new AtomicLong();
    private final AtomicInteger resent = new AtomicInteger();
    private volatile boolean refuseLogons;

    /** One order in the book: what its ClOrdIDs are and what the FIX reports of it must say. */
    private final class Resting implements ExecutionListener {
        final String orderId;
        volatile Order order;
        volatile String clOrdId;
        volatile String pendingCancel;
        volatile String pendingReplace;
        volatile Order pendingAmend;
        Quantity cum = Quantity.ZERO;
        BigDecimal notional = BigDecimal.ZERO;
        char ordStatus = '0';

        Resting(Order order, String clOrdId) {
            this.orderId = "X" + order.id().value();
            this.order = order;
            this.clOrdId = clOrdId;
        }

        @Override
        public synchronized void onReport(ExecutionReport r) {
            switch (r.type()) {
                case ACCEPTED -> send(report('0', '0', r, null, null));
                case FILL -> {
                    cum = cum.plus(r.lastQuantity());
                    notional = notional.add(r.lastQuantity().toBigDecimal().multiply(r.lastPrice().toBigDecimal()));
                    ordStatus = cum.compareTo(order.quantity()) >= 0 ? '2' : '1';
                    send(report(fix42 ? ordStatus : 'F', ordStatus, r, null, null));
                }
                case CANCELED -> {
                    ordStatus = '4';
                    String by = pendingCancel != null ? pendingCancel : clOrdId;
                    send(report('4', '4', r, by, by.equals(clOrdId) ? null : clOrdId));
                }
                case EXPIRED -> {
                    ordStatus = 'C';
                    send(report('C', 'C', r, null, null));
                }
                case REPLACED -> {
                    String previous = clOrdId;
                    clOrdId = pendingReplace;
                    order = pendingAmend;
                    pendingReplace = null;
                    send(report('5', cum.isPositive() ? '1' : '0', r, clOrdId, previous));
                }
                case REPLACE_REJECTED -> {
                    String refused = pendingReplace;
                    pendingReplace = null;
                    send(cancelReject(refused, clOrdId, orderId, ordStatus, '2', r.reason()));
                }
                case REJECTED -> {
                    if (pendingCancel != null) {
                        String refused = pendingCancel;
                        pendingCancel = null;
                        send(cancelReject(refused, clOrdId, orderId, ordStatus, '1', r.reason()));
                    } else {
                        ordStatus = '8';
                        Message m = report('8', '8', r, null, null);
                        m.setInt(103, fix42 ? 0 : 99);
                        send(m);
                    }
                }
                default -> {
                }
            }
        }

        Message report(char execType, char status, ExecutionReport r, String clOrd, String origClOrd) {
            Message m = base(clOrd == null ? clOrdId : clOrd, status, execType);
            if (origClOrd != null) {
                m.setString(41, origClOrd);
            }
            if (r.type() == ExecType.FILL) {
                m.setString(fix42 ? 32 : 32, plain(r.lastQuantity().toBigDecimal()));
                m.setString(31, plain(r.lastPrice().toBigDecimal()));
            }
            if (r.reason() != null) {
                m.setString(58, r.reason());
            }
            m.setString(17, r.executionId());
            return m;
        }

        Message base(String clOrd, char status, char execType) {
            Message m = new Message();
            m.getHeader().setString(MsgType.FIELD, MsgType.EXECUTION_REPORT);
            m.setString(37, orderId);
            m.setString(11, clOrd);
            m.setString(17, "E" + execIds.incrementAndGet());
            if (fix42) {
                m.setChar(20, '0');
            }
            m.setChar(150, execType);
            m.setChar(39, status);
            m.setString(55, order.instrumentId().value());
            m.setChar(54, order.side() == Side.BUY ? '1' : '2');
            m.setString(38, plain(order.quantity().toBigDecimal()));
            boolean open = status == '0' || status == '1';
            m.setString(151, plain(open ? order.quantity().minus(cum).toBigDecimal() : BigDecimal.ZERO));
            m.setString(14, plain(cum.toBigDecimal()));
            m.setString(6, plain(cum.isPositive() ? notional.divide(cum.toBigDecimal(), 8, RoundingMode.HALF_EVEN)
                    : BigDecimal.ZERO));
            m.setUtcTimeStamp(60, LocalDateTime.now(ZoneOffset.UTC), true);
            return m;
        }

        synchronized Message status() {
            Message m = base(clOrdId, ordStatus, fix42 ? ordStatus : 'I');
            if (fix42) {
                m.setChar(20, '3');
            }
            return m;
        }
    }

    /**
     * @param book        the matching engine
     * @param port        where to accept
     * @param beginString FIX.4.2 or FIX.4.4
     * @param ours        our CompID (the venue's TargetCompID)
     * @param theirs      the venue's SenderCompID
     */
    FixExchange(SimulatedExchange book, int port, String beginString, String ours, String theirs) throws Exception {
        this.book = book;
        this.fix42 = beginString.equals("FIX.4.2");
        this.session = new SessionID(beginString, ours, theirs);
        SessionSettings settings = new SessionSettings();
        settings.setString(session, "ConnectionType", "acceptor");
        settings.setString(session, "SocketAcceptAddress", "127.0.0.1");
        settings.setLong(session, "SocketAcceptPort", port);
        settings.setString(session, "StartTime", "00:00:00");
        settings.setString(session, "EndTime", "00:00:00");
        settings.setString(session, "UseDataDictionary", "Y");
        settings.setString(session, "DataDictionary", beginString.replace(".", "") + ".xml");
        settings.setString(session, "SLF4JLogHeartbeats", "N");
        acceptor = new ThreadedSocketAcceptor(this, new MemoryStoreFactory(), settings, new SLF4JLogFactory(settings),
                new DefaultMessageFactory());
        acceptor.start();
    }

    /** Application messages received, oldest first (what went over the wire, dialect applied). */
    List<Message> received() {
        return List.copyOf(received);
    }

    /** Application messages resent after a ResendRequest. */
    int resent() {
        return resent.get();
    }

    /** Drops the connection and refuses logons until {@link #allowLogons}. */
    void outage() throws IOException {
        refuseLogons = true;
        Session s = Session.lookupSession(session);
        s.disconnect("test: network outage", false);
    }

    void allowLogons() {
        refuseLogons = false;
    }

    boolean loggedOn() {
        Session s = Session.lookupSession(session);
        return s != null && s.isLoggedOn();
    }

    /** Someone else's order, straight into the book. */
    void foreign(Side side, long quantity, String limit) {
        OrderRequest request = new OrderRequest(ClientOrderId.of("f" + orderIds.get()), PortfolioId.of("OTHER"),
                InstrumentId.of("AAPL"), side, OrderType.LIMIT, Quantity.ofWhole(quantity), Price.of(limit), null,
                TimeInForce.DAY, null, null, false, false);
        Instant now = Instant.now();
        book.submit(new Order(OrderId.of(orderIds.incrementAndGet()), request, OrderStatus.SUBMITTED, Quantity.ZERO,
                null, null, null, now, now), report -> {});
    }

    @Override
    public void close() {
        acceptor.stop(true);
    }

    private void send(Message m) {
        Session s = Session.lookupSession(session);
        if (s != null) {
            s.send(m); // while logged off: stored with its sequence number, resent when asked
        }
    }

    private Message cancelReject(String clOrdId, String origClOrdId, String orderId, char status, char responseTo,
            String text) {
        Message m = new Message();
        m.getHeader().setString(MsgType.FIELD, MsgType.ORDER_CANCEL_REJECT);
        m.setString(37, orderId);
        m.setString(11, clOrdId);
        m.setString(41, origClOrdId);
        m.setChar(39, status);
        m.setChar(434, responseTo);
        if (text != null) {
            m.setString(58, text);
        }
        return m;
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    // ------------------------------------------------------------------ QuickFIX/J

    @Override
    public void onCreate(SessionID id) {
    }

    @Override
    public void onLogon(SessionID id) {
    }

    @Override
    public void onLogout(SessionID id) {
    }

    @Override
    public void toAdmin(Message message, SessionID id) {
    }

    @Override
    public void fromAdmin(Message message, SessionID id) throws FieldNotFound, RejectLogon {
        if (refuseLogons && MsgType.LOGON.equals(message.getHeader().getString(MsgType.FIELD))) {
            throw new RejectLogon("test: exchange unreachable");
        }
    }

    @Override
    public void toApp(Message message, SessionID id) {
        try {
            if (message.getHeader().isSetField(PossDupFlag.FIELD)
                    && message.getHeader().getBoolean(PossDupFlag.FIELD)) {
                resent.incrementAndGet();
            }
        } catch (FieldNotFound e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void fromApp(Message m, SessionID id) throws FieldNotFound {
        received.add(m);
        switch (m.getHeader().getString(MsgType.FIELD)) {
            case MsgType.ORDER_SINGLE -> newOrder(m);
            case MsgType.ORDER_CANCEL_REQUEST -> {
                Resting r = byClOrdId.get(m.getString(41));
                if (r == null) {
                    send(cancelReject(m.getString(11), m.getString(41), "NONE", '8', '1', "unknown order"));
                    return;
                }
                byClOrdId.put(m.getString(11), r);
                r.pendingCancel = m.getString(11);
                book.cancel(r.order, r);
            }
            case MsgType.ORDER_CANCEL_REPLACE_REQUEST -> {
                Resting r = byClOrdId.get(m.getString(41));
                if (r == null) {
                    send(cancelReject(m.getString(11), m.getString(41), "NONE", '8', '2', "unknown order"));
                    return;
                }
                byClOrdId.put(m.getString(11), r);
                OrderRequest old = r.order.request();
                OrderRequest amended = new OrderRequest(old.clientOrderId(), old.portfolioId(), old.instrumentId(),
                        old.side(), old.type(), Quantity.of(m.getDecimal(38)),
                        m.isSetField(44) ? Price.of(m.getDecimal(44)) : null, old.stopPrice(), old.timeInForce(),
                        old.expireTime(), old.venueId(), old.postOnly(), old.reduceOnly());
                Order order = r.order;
                r.pendingReplace = m.getString(11);
                r.pendingAmend = new Order(order.id(), amended, order.status(), order.filledQuantity(),
                        order.averagePrice(), order.venueId(), null, order.createdAt(), Instant.now());
                book.amend(r.pendingAmend, r);
            }
            case MsgType.ORDER_STATUS_REQUEST -> {
                Resting r = byClOrdId.get(m.getString(11));
                if (r != null) {
                    send(r.status());
                } else {
                    Message unknown = new Message();
                    unknown.getHeader().setString(MsgType.FIELD, MsgType.EXECUTION_REPORT);
                    unknown.setString(37, "NONE");
                    unknown.setString(11, m.getString(11));
                    unknown.setString(17, "E" + execIds.incrementAndGet());
                    if (fix42) {
                        unknown.setChar(20, '3');
                    }
                    unknown.setChar(150, fix42 ? '8' : 'I');
                    unknown.setChar(39, '8');
                    unknown.setInt(103, 5);
                    unknown.setString(55, m.getString(55));
                    unknown.setChar(54, m.getChar(54));
                    unknown.setString(151, "0");
                    unknown.setString(14, "0");
                    unknown.setString(6, "0");
                    unknown.setString(58, "unknown order");
                    send(unknown);
                }
            }
            default -> {
            }
        }
    }

    private void newOrder(Message m) throws FieldNotFound {
        char ordType = m.getChar(40);
        OrderType type = switch (ordType) {
            case '1', 'K' -> OrderType.MARKET;
            case '3' -> OrderType.STOP;
            case '4' -> OrderType.STOP_LIMIT;
            default -> OrderType.LIMIT;
        };
        TimeInForce tif = switch (m.isSetField(59) ? m.getChar(59) : '0') {
            case '1' -> TimeInForce.GTC;
            case '3' -> TimeInForce.IOC;
            case '4' -> TimeInForce.FOK;
            default -> TimeInForce.DAY;
        };
        OrderRequest request = new OrderRequest(ClientOrderId.of(m.getString(11)), PortfolioId.of("FIX"),
                InstrumentId.of(m.getString(55)), m.getChar(54) == '1' ? Side.BUY : Side.SELL, type,
                Quantity.of(m.getDecimal(38)), m.isSetField(44) ? Price.of(m.getDecimal(44)) : null,
                m.isSetField(99) ? Price.of(m.getDecimal(99)) : null, tif, null, null, false, false);
        Instant now = Instant.now();
        Order order = new Order(OrderId.of(orderIds.incrementAndGet()), request, OrderStatus.SUBMITTED, Quantity.ZERO,
                null, null, null, now, now);
        Resting r = new Resting(order, m.getString(11));
        byClOrdId.put(m.getString(11), r);
        book.submit(order, r);
    }
}
