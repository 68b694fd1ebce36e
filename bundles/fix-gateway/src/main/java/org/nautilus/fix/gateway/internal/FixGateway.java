package org.nautilus.fix.gateway.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.nautilus.api.access.AuthenticatedUser;
import org.nautilus.api.access.UserAuthenticator;
import org.nautilus.api.audit.Actor;
import org.nautilus.api.audit.AuditService;
import org.nautilus.api.audit.Channel;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.domain.OrderType;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.RejectCode;
import org.nautilus.api.domain.TimeInForce;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.oms.CommandResult;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.oms.OrderEventType;
import org.nautilus.api.oms.OrderService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.Application;
import quickfix.FieldNotFound;
import quickfix.IncorrectDataFormat;
import quickfix.IncorrectTagValue;
import quickfix.Message;
import quickfix.RejectLogon;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.UnsupportedMessageType;
import quickfix.field.Account;
import quickfix.field.BusinessRejectReason;
import quickfix.field.ClOrdID;
import quickfix.field.CxlRejResponseTo;
import quickfix.field.ExDestination;
import quickfix.field.ExecInst;
import quickfix.field.ExecType;
import quickfix.field.ExpireTime;
import quickfix.field.MassCancelRequestType;
import quickfix.field.MassCancelResponse;
import quickfix.field.MsgSeqNum;
import quickfix.field.MsgType;
import quickfix.field.OrdType;
import quickfix.field.OrderID;
import quickfix.field.OrderQty;
import quickfix.field.OrigClOrdID;
import quickfix.field.Password;
import quickfix.field.PossDupFlag;
import quickfix.field.PossResend;
import quickfix.field.Side;
import quickfix.field.StopPx;
import quickfix.field.Symbol;
import quickfix.field.TotalAffectedOrders;
import quickfix.field.Username;

/**
 * The gateway's QuickFIX/J application: checks Logons against the platform's users, turns D/F/G/H/q into OMS
 * commands for the session's portfolio, and turns the OMS's committed {@link OrderEvent}s into ExecutionReports and
 * OrderCancelRejects for the session that owns the order and for the drop copies of its portfolio.
 *
 * <p>Threads: QuickFIX/J calls {@link #fromApp} on the session's thread; it validates the message there (a bad field
 * throws, and QuickFIX/J answers with a Reject naming it) and hands new orders to {@link OrderService#submitAsync}
 * without waiting. Cancels, replaces, status and mass cancels wait for the OMS, so they run on the session's own
 * command thread, in arrival order. Reports go out from the OMS's event delivery thread, in the order the OMS
 * decided; QuickFIX/J stores them even while the client is away, so a Resend after a reconnect replays them.
 */
final class FixGateway implements Application {

    private static final Logger LOG = LoggerFactory.getLogger(FixGateway.class);
    private static final Pattern CLORDID = Pattern.compile("[A-Za-z0-9._/:\\-]{1,40}");
    private static final String PREFIX = "fix:";

    private final Supplier<OrderService> oms;
    private final Supplier<UserAuthenticator> users;
    private final Supplier<AuditService> audit;
    private final Map<SessionID, SessionState> sessions = new ConcurrentHashMap<>();
    /** Order-entry sessions by their client's CompID (the middle part of the OMS client order id). */
    private final Map<String, SessionState> byClient = new ConcurrentHashMap<>();
    private final List<SessionState> dropCopies = new ArrayList<>();
    /** ClOrdID chains of orders that were replaced or have a cancel/replace in flight. */
    private final Map<OrderId, Chain> chains = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timers;
    private final ExecutorService auditWriter;
    private final AtomicLong execIds = new AtomicLong(System.currentTimeMillis());
    private final boolean sharedSessions;

    /**
     * @param sharedSessions {@code true} when the sessions' state is shared with other nodes' gateways
     *                       (session.store = grid): reports then go only to sessions logged on here, since a session
     *                       is sequenced by the one node its client is connected to; {@code false} (this node's
     *                       FileStore): a report for an absent client is stored and sequenced, and replayed on its
     *                       ResendRequest after its next Logon
     */
    FixGateway(Map<SessionID, SessionPolicy> policies, Supplier<OrderService> oms, Supplier<UserAuthenticator> users,
            Supplier<AuditService> audit, boolean sharedSessions) {
        this.sharedSessions = sharedSessions;
        this.oms = oms;
        this.users = users;
        this.audit = audit;
        for (SessionPolicy policy : policies.values()) {
            SessionState state = new SessionState(policy);
            sessions.put(policy.session(), state);
            if (policy.isDropCopy()) {
                dropCopies.add(state);
            } else if (byClient.putIfAbsent(policy.session().getTargetCompID(), state) != null) {
                throw new IllegalArgumentException("two order-entry sessions have the client CompID "
                        + policy.session().getTargetCompID() + ": ClOrdIDs would collide");
            }
        }
        this.timers = Executors.newSingleThreadScheduledExecutor(daemon("nautilus-fix-timers"));
        this.auditWriter = Executors.newSingleThreadExecutor(daemon("nautilus-fix-audit"));
    }

    void close() {
        // Stopping the node is not a client disconnect: pending cancel-on-disconnect timers die with it.
        timers.shutdownNow();
        auditWriter.shutdown();
        sessions.values().forEach(s -> s.commands.shutdown());
    }

    // ----------------------------------------------------------------------------------------- session events

    @Override
    public void onCreate(SessionID session) {
    }

    @Override
    public void onLogon(SessionID session) {
        SessionState state = sessions.get(session);
        if (state == null) {
            return;
        }
        state.loggedOn = true;
        ScheduledFuture<?> pending = state.cancelOnDisconnect;
        if (pending != null && pending.cancel(false)) {
            LOG.info("FIX {} logged back on in time: its orders keep working", session);
        }
        record(state, "FIX_LOGON", session.toString(), "logged on");
    }

    @Override
    public void onLogout(SessionID session) {
        SessionState state = sessions.get(session);
        if (state == null || !state.loggedOn) {
            return;
        }
        state.loggedOn = false;
        record(state, "FIX_LOGOUT", session.toString(), "logged out or disconnected");
        Duration grace = state.policy.cancelOnDisconnect();
        if (grace != null && !timers.isShutdown()) {
            LOG.info("FIX {} disconnected: its open orders are canceled unless it logs on within {} s", session,
                    grace.toSeconds());
            state.cancelOnDisconnect = timers.schedule(() -> state.commands.execute(() -> cancelOnDisconnect(state)),
                    grace.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void cancelOnDisconnect(SessionState state) {
        if (state.loggedOn) {
            return;
        }
        int canceled = cancelOpenOrders(state, null);
        LOG.info("FIX {} stayed away: canceled {} open order(s)", state.policy.session(), canceled);
        record(state, "FIX_CANCEL_ON_DISCONNECT", state.policy.session().toString(),
                "canceled " + canceled + " open order(s)");
    }

    @Override
    public void toAdmin(Message message, SessionID session) {
    }

    @Override
    public void fromAdmin(Message message, SessionID session) throws FieldNotFound, RejectLogon {
        if (!MsgType.LOGON.equals(message.getHeader().getString(MsgType.FIELD))) {
            return;
        }
        SessionState state = sessions.get(session);
        if (state == null) {
            throw new RejectLogon("no such session");
        }
        if (!message.isSetField(Username.FIELD) || !message.isSetField(Password.FIELD)) {
            throw new RejectLogon("Logon needs Username (553) and Password (554)");
        }
        String user = message.getString(Username.FIELD);
        UserAuthenticator authenticator = users.get();
        if (authenticator == null) {
            throw new RejectLogon("user authentication is not available yet; try again");
        }
        var authenticated = authenticator.authenticate(user, message.getString(Password.FIELD).toCharArray());
        if (authenticated.isEmpty() || !state.policy.user().equals(user)) {
            LOG.warn("FIX {}: refused the Logon of '{}' (wrong user or password)", session, user);
            throw new RejectLogon("wrong user name or password for this session");
        }
        String role = state.policy.isDropCopy() ? "viewer" : AuthenticatedUser.TRADER;
        if (!authenticated.get().hasRole(role)) {
            throw new RejectLogon("user " + user + " lacks the " + role + " role this session needs");
        }
    }

    @Override
    public void toApp(Message message, SessionID session) {
    }

    // ----------------------------------------------------------------------------------------- client messages

    @Override
    public void fromApp(Message message, SessionID session) throws FieldNotFound, IncorrectDataFormat,
            IncorrectTagValue, UnsupportedMessageType {
        SessionState state = sessions.get(session);
        String type = message.getHeader().getString(MsgType.FIELD);
        int seq = message.getHeader().getInt(MsgSeqNum.FIELD);
        String refId = message.isSetField(ClOrdID.FIELD) ? message.getString(ClOrdID.FIELD) : null;
        if (state == null) {
            throw new UnsupportedMessageType();
        }
        if (state.policy.isDropCopy()) {
            send(session, Reports.businessReject(type, seq, refId, BusinessRejectReason.NOT_AUTHORIZED,
                    "DROP_COPY_READ_ONLY", "this is a read-only drop-copy session"));
            return;
        }
        if (!state.throttle.tryAcquire(System.nanoTime())) {
            send(session, Reports.businessReject(type, seq, refId, BusinessRejectReason.OTHER, "THROTTLED",
                    "more than " + state.throttle.perSecond() + " messages per second; nothing was done"));
            return;
        }
        boolean possDup = isPossibleDuplicate(message);
        switch (type) {
            case MsgType.ORDER_SINGLE -> newOrder(state, message);
            case MsgType.ORDER_CANCEL_REQUEST -> {
                CancelOrReplace request = cancelOrReplace(message, false, possDup);
                state.commands.execute(() -> cancel(state, request));
            }
            case MsgType.ORDER_CANCEL_REPLACE_REQUEST -> {
                CancelOrReplace request = cancelOrReplace(message, true, possDup);
                state.commands.execute(() -> replace(state, request));
            }
            case MsgType.ORDER_STATUS_REQUEST -> {
                String clOrdId = clOrdId(message, ClOrdID.FIELD);
                String orderId = message.isSetField(OrderID.FIELD) ? message.getString(OrderID.FIELD) : null;
                state.commands.execute(() -> status(state, clOrdId, orderId, seq));
            }
            case MsgType.ORDER_MASS_CANCEL_REQUEST -> {
                String clOrdId = clOrdId(message, ClOrdID.FIELD);
                char scope = message.getChar(MassCancelRequestType.FIELD);
                InstrumentId symbol = null;
                if (scope == MassCancelRequestType.CANCEL_ORDERS_FOR_A_SECURITY) {
                    symbol = instrument(message);
                } else if (scope != MassCancelRequestType.CANCEL_ALL_ORDERS) {
                    throw new IncorrectTagValue(MassCancelRequestType.FIELD, String.valueOf(scope),
                            "MassCancelRequestType must be 1 (by security) or 7 (all orders)");
                }
                InstrumentId only = symbol;
                state.commands.execute(() -> massCancel(state, clOrdId, scope, only));
            }
            default -> throw new UnsupportedMessageType();
        }
    }

    private static boolean isPossibleDuplicate(Message message) throws FieldNotFound {
        return message.getHeader().isSetField(PossDupFlag.FIELD) && message.getHeader().getBoolean(PossDupFlag.FIELD)
                || message.getHeader().isSetField(PossResend.FIELD) && message.getHeader().getBoolean(PossResend.FIELD);
    }

    /** D: validated here (a bad field is a Reject naming it), then submitted without waiting. */
    private void newOrder(SessionState state, Message message) throws FieldNotFound, IncorrectTagValue,
            IncorrectDataFormat {
        String clOrdId = clOrdId(message, ClOrdID.FIELD);
        OrderRequest request = request(state, message, clOrdId);
        OrderService service = oms.get();
        SessionID session = state.policy.session();
        char side = message.getChar(Side.FIELD);
        if (service == null) {
            send(session, Reports.rejectUnknown(session.getBeginString(), clOrdId, request.instrumentId().value(),
                    side, nextExecId(), "OMS_UNAVAILABLE: the OMS is not running on this node; nothing was done"));
            return;
        }
        Instant received = Instant.now();
        CompletableFuture<Order> submitted = service.submitAsync(request).toCompletableFuture();
        state.submits.put(clOrdId, submitted);
        // Most orders need nothing more here (their reports come from the event stream): only a failure or a
        // repeated ClOrdID is answered, on the session's command thread, so the OMS's thread never sends.
        submitted.whenComplete((order, failure) -> {
            state.submits.remove(clOrdId, submitted);
            if (failure != null || order.createdAt().isBefore(received)) {
                state.commands.execute(() -> answerRefusedOrRepeated(state, clOrdId, request, side, order, failure));
            }
        });
    }

    /** A D the OMS could not take (its failure) or already had (a repeated ClOrdID): said to the client. */
    private void answerRefusedOrRepeated(SessionState state, String clOrdId, OrderRequest request, char side,
            Order order, Throwable failure) {
        SessionID session = state.policy.session();
        if (failure != null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause()
                    : failure;
            send(session, Reports.rejectUnknown(session.getBeginString(), clOrdId, request.instrumentId().value(),
                    side, nextExecId(), "OMS_UNAVAILABLE: " + cause.getMessage()
                            + "; nothing was done, send it again"));
        } else {
            // A repeated ClOrdID (a PossDup resend or a client's retry): the OMS created nothing.
            send(session, Reports.executionReport(session.getBeginString(), order, currentClOrdId(order, state),
                    null, nextExecId(), ExecType.ORDER_STATUS, null, "DUPLICATE_CLORDID: ClOrdID " + clOrdId
                            + " is order " + order.id() + "; nothing new was done"));
        }
    }

    private OrderRequest request(SessionState state, Message message, String clOrdId) throws FieldNotFound,
            IncorrectTagValue, IncorrectDataFormat {
        if (message.isSetField(Account.FIELD)
                && !message.getString(Account.FIELD).equals(state.policy.portfolio().value())) {
            throw new IncorrectTagValue(Account.FIELD, message.getString(Account.FIELD),
                    "Account must be this session's portfolio " + state.policy.portfolio() + " or absent");
        }
        InstrumentId instrument = instrument(message);
        var side = FixValues.side(message.getChar(Side.FIELD));
        OrderType type = FixValues.orderType(message.getChar(OrdType.FIELD));
        Quantity quantity = FixValues.quantity(message, OrderQty.FIELD);
        Price limit = FixValues.price(message, quickfix.field.Price.FIELD);
        Price stop = FixValues.price(message, StopPx.FIELD);
        TimeInForce tif = message.isSetField(quickfix.field.TimeInForce.FIELD)
                ? FixValues.timeInForce(message.getChar(quickfix.field.TimeInForce.FIELD))
                : TimeInForce.DAY;
        Instant expire = message.isSetField(ExpireTime.FIELD)
                ? message.getUtcTimeStamp(ExpireTime.FIELD).toInstant(ZoneOffset.UTC)
                : null;
        String execInst = message.isSetField(ExecInst.FIELD) ? message.getString(ExecInst.FIELD) : "";
        boolean postOnly = execInst.indexOf(ExecInst.PARTICIPATE_DONT_INITIATE) >= 0;
        boolean reduceOnly = execInst.indexOf(ExecInst.DO_NOT_INCREASE_DNI) >= 0;
        VenueId venue = null;
        if (message.isSetField(ExDestination.FIELD)) {
            venue = id(ExDestination.FIELD, message.getString(ExDestination.FIELD),
                    VenueId::of);
        }
        try {
            return new OrderRequest(ClientOrderId.of(state.policy.clientOrderPrefix() + clOrdId),
                    state.policy.portfolio(), instrument, side, type, quantity, limit, stop, tif, expire, venue,
                    postOnly, reduceOnly);
        } catch (IllegalArgumentException e) {
            String text = e.getMessage() == null ? "" : e.getMessage();
            int tag = text.contains("limit price") ? quickfix.field.Price.FIELD
                    : text.contains("stop price") ? StopPx.FIELD
                            : text.contains("expire") || text.contains("GTD") ? ExpireTime.FIELD
                                    : text.contains("post-only") ? ExecInst.FIELD
                                            : OrdType.FIELD;
            throw new IncorrectTagValue(tag, message.isSetField(tag) ? message.getString(tag) : "", text);
        }
    }

    private static InstrumentId instrument(Message message) throws FieldNotFound, IncorrectTagValue {
        return id(Symbol.FIELD, message.getString(Symbol.FIELD), InstrumentId::of);
    }

    private static <T> T id(int tag, String text, Function<String, T> parse)
            throws IncorrectTagValue {
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            throw new IncorrectTagValue(tag, text, "tag " + tag + ": " + e.getMessage());
        }
    }

    private static String clOrdId(Message message, int tag) throws FieldNotFound, IncorrectTagValue {
        String value = message.getString(tag);
        if (!CLORDID.matcher(value).matches()) {
            throw new IncorrectTagValue(tag, value, "tag " + tag + " must be 1-40 letters, digits or . _ / : -");
        }
        return value;
    }

    /** An F or G, validated on the session's thread. */
    private record CancelOrReplace(String clOrdId, String origClOrdId, String orderId, char side, Quantity quantity,
            Price price, Price stopPrice, Character orderType, boolean possDup) {
    }

    private static CancelOrReplace cancelOrReplace(Message message, boolean replace, boolean possDup)
            throws FieldNotFound, IncorrectTagValue, IncorrectDataFormat {
        String clOrdId = clOrdId(message, ClOrdID.FIELD);
        String orig = clOrdId(message, OrigClOrdID.FIELD);
        String orderId = message.isSetField(OrderID.FIELD) ? message.getString(OrderID.FIELD) : null;
        char side = message.getChar(Side.FIELD);
        FixValues.side(side);
        if (!replace) {
            return new CancelOrReplace(clOrdId, orig, orderId, side, null, null, null, null, possDup);
        }
        Character type = message.isSetField(OrdType.FIELD)
                ? message.getChar(OrdType.FIELD)
                : null;
        if (type != null) {
            FixValues.orderType(type);
        }
        Quantity quantity = message.isSetField(OrderQty.FIELD)
                ? FixValues.quantity(message, OrderQty.FIELD)
                : null;
        return new CancelOrReplace(clOrdId, orig, orderId, side, quantity,
                FixValues.price(message, quickfix.field.Price.FIELD),
                FixValues.price(message, StopPx.FIELD), type, possDup);
    }

    private void cancel(SessionState state, CancelOrReplace request) {
        SessionID session = state.policy.session();
        if (!state.requestIds.add(request.clOrdId())) {
            if (!request.possDup()) {
                send(session, Reports.cancelReject(session.getBeginString(), null, request.clOrdId(),
                        request.origClOrdId(), CxlRejResponseTo.ORDER_CANCEL_REQUEST, "DUPLICATE_CLORDID",
                        "ClOrdID " + request.clOrdId() + " was already used; nothing was done"));
            }
            return;
        }
        Order order = resolve(state, request.origClOrdId(), request.orderId());
        if (order == null) {
            send(session, Reports.cancelReject(session.getBeginString(), null, request.clOrdId(),
                    request.origClOrdId(), CxlRejResponseTo.ORDER_CANCEL_REQUEST, "UNKNOWN_ORDER",
                    "this session has no order " + request.origClOrdId()));
            return;
        }
        Chain chain = chain(order, state);
        chain.pending = request.clOrdId();
        CommandResult result = oms.get().cancel(order.id());
        if (!result.accepted()) {
            refused(state, order, chain, request, CxlRejResponseTo.ORDER_CANCEL_REQUEST, result);
        }
    }

    private void replace(SessionState state, CancelOrReplace request) {
        SessionID session = state.policy.session();
        char responseTo = CxlRejResponseTo.ORDER_CANCEL_REPLACE_REQUEST;
        if (!state.requestIds.add(request.clOrdId())) {
            if (!request.possDup()) {
                send(session, Reports.cancelReject(session.getBeginString(), null, request.clOrdId(),
                        request.origClOrdId(), responseTo, "DUPLICATE_CLORDID",
                        "ClOrdID " + request.clOrdId() + " was already used; nothing was done"));
            }
            return;
        }
        Order order = resolve(state, request.origClOrdId(), request.orderId());
        if (order == null) {
            send(session, Reports.cancelReject(session.getBeginString(), null, request.clOrdId(),
                    request.origClOrdId(), responseTo, "UNKNOWN_ORDER", "this session has no order "
                            + request.origClOrdId()));
            return;
        }
        OrderRequest now = order.request();
        String refused = null;
        if (FixValues.side(now.side()) != request.side()) {
            refused = "Side (54) cannot change in a replace";
        } else if (request.orderType() != null && request.orderType() != FixValues.orderType(now.type())) {
            refused = "OrdType (40) cannot change in a replace: cancel and send a new order";
        }
        Chain chain = chain(order, state);
        if (refused != null) {
            send(session, Reports.cancelReject(session.getBeginString(), order, request.clOrdId(),
                    request.origClOrdId(), responseTo, "INVALID_REPLACE", refused));
            return;
        }
        Quantity quantity = request.quantity() == null || request.quantity().equals(now.quantity()) ? null
                : request.quantity();
        Price price = now.type() == OrderType.STOP ? request.stopPrice() : request.price();
        Price current = now.type() == OrderType.STOP ? now.stopPrice() : now.limitPrice();
        if (price != null && price.equals(current)) {
            price = null;
        }
        if (quantity == null && price == null) {
            send(session, Reports.cancelReject(session.getBeginString(), order, request.clOrdId(),
                    request.origClOrdId(), responseTo, "NOTHING_TO_CHANGE",
                    "the replace changes neither OrderQty nor the price"));
            return;
        }
        chain.pending = request.clOrdId();
        CommandResult result = oms.get().amend(order.id(), quantity, price);
        if (!result.accepted()) {
            refused(state, order, chain, request, responseTo, result);
        }
    }

    /** The OMS refused a cancel or replace at once: a 9 echoing the request's ClOrdIDs; nothing changed. */
    private void refused(SessionState state, Order order, Chain chain, CancelOrReplace request, char responseTo,
            CommandResult result) {
        chain.pending = null;
        Order now = result.order() == null ? order : result.order();
        if (now.status().isTerminal()) {
            chains.remove(now.id());
        }
        SessionID session = state.policy.session();
        send(session, Reports.cancelReject(session.getBeginString(), now, request.clOrdId(), request.origClOrdId(),
                responseTo, result.code(), result.message()));
    }

    private void status(SessionState state, String clOrdId, String orderId, int seq) {
        SessionID session = state.policy.session();
        Order order = resolve(state, clOrdId, orderId);
        if (order == null) {
            send(session, Reports.businessReject(MsgType.ORDER_STATUS_REQUEST, seq, clOrdId,
                    BusinessRejectReason.UNKNOWN_ID, "UNKNOWN_ORDER", "this session has no order " + clOrdId));
            return;
        }
        send(session, Reports.executionReport(session.getBeginString(), order, currentClOrdId(order, state), null,
                nextExecId(), ExecType.ORDER_STATUS, null, null));
    }

    private void massCancel(SessionState state, String clOrdId, char scope, InstrumentId symbol) {
        SessionID session = state.policy.session();
        int canceled = cancelOpenOrders(state, symbol);
        Message report = Reports.message(MsgType.ORDER_MASS_CANCEL_REPORT);
        report.setString(ClOrdID.FIELD, clOrdId);
        report.setString(OrderID.FIELD, "mass-" + nextExecId());
        report.setChar(MassCancelRequestType.FIELD, scope);
        report.setChar(MassCancelResponse.FIELD, scope == MassCancelRequestType.CANCEL_ALL_ORDERS
                ? MassCancelResponse.CANCEL_ALL_ORDERS
                : MassCancelResponse.CANCEL_ORDERS_FOR_A_SECURITY);
        report.setInt(TotalAffectedOrders.FIELD, canceled);
        if (symbol != null) {
            report.setString(Symbol.FIELD, symbol.value());
        }
        send(session, report);
        record(state, "FIX_MASS_CANCEL", session.toString(), "canceled " + canceled + " open order(s)"
                + (symbol == null ? "" : " of " + symbol));
    }

    /** Cancels the session's open orders (of one instrument, or all); returns how many the OMS accepted. */
    private int cancelOpenOrders(SessionState state, InstrumentId symbol) {
        OrderService service = oms.get();
        if (service == null) {
            return 0;
        }
        String prefix = state.policy.clientOrderPrefix();
        int canceled = 0;
        for (Order order : service.orders()) {
            if (order.status().isOpen() && order.clientOrderId().value().startsWith(prefix)
                    && (symbol == null || order.instrumentId().equals(symbol))
                    && service.cancel(order.id()).accepted()) {
                canceled++;
            }
        }
        return canceled;
    }

    /** The session's order known by its (current or original) ClOrdID or by OrderID; {@code null} if none. */
    private Order resolve(SessionState state, String clOrdId, String orderId) {
        OrderService service = oms.get();
        if (service == null) {
            return null;
        }
        Order order = null;
        OrderId aliased = state.aliases.get(clOrdId);
        if (aliased != null) {
            order = service.order(aliased).orElse(null);
        }
        if (order == null) {
            CompletableFuture<Order> submitting = state.submits.get(clOrdId);
            if (submitting != null) {
                // The D is still on its way to the journal: this command waits for it on the session's own thread.
                try {
                    order = submitting.join();
                } catch (CompletionException | CancellationException failed) {
                    return null;
                }
            }
        }
        if (order == null) {
            try {
                order = service.order(ClientOrderId.of(state.policy.clientOrderPrefix() + clOrdId)).orElse(null);
            } catch (IllegalArgumentException tooLong) {
                order = null;
            }
        }
        if (order == null && orderId != null) {
            try {
                order = service.order(OrderId.parse(orderId)).orElse(null);
            } catch (IllegalArgumentException notOurs) {
                order = null;
            }
        }
        // Another session's (or channel's) order is not this session's to see or touch.
        return order != null && order.clientOrderId().value().startsWith(state.policy.clientOrderPrefix())
                ? order
                : null;
    }

    // ----------------------------------------------------------------------------------------- OMS events

    /** A committed OMS event (from the subscriber's delivery thread): reports to its session and drop copies. */
    void onEvent(OrderEvent event) {
        Order order = event.order();
        String clientOrderId = order.clientOrderId().value();
        if (clientOrderId.startsWith(PREFIX)) {
            int end = clientOrderId.indexOf(':', PREFIX.length());
            SessionState owner = end < 0 ? null : byClient.get(clientOrderId.substring(PREFIX.length(), end));
            if (owner != null && (owner.loggedOn || !sharedSessions)) {
                Message report = report(event, owner.policy.session().getBeginString(), chain(order, owner), true);
                if (report != null) {
                    send(owner.policy.session(), report);
                }
            }
        }
        for (SessionState copy : dropCopies) {
            if (copy.policy.dropCopyPortfolios().contains(order.portfolioId()) && (copy.loggedOn || !sharedSessions)) {
                Message report = report(event, copy.policy.session().getBeginString(), null, false);
                if (report != null) {
                    send(copy.policy.session(), report);
                }
            }
        }
    }

    /**
     * The message for one event, or {@code null} for events FIX has no report for (INITIALIZED; TRIGGERED in 4.2).
     * {@code chain} is the owner's ClOrdID chain ({@code null} for a drop copy, which sees the OMS client order id);
     * {@code advance} moves the chain on (only the owner's report does).
     */
    private Message report(OrderEvent event, String beginString, Chain chain, boolean advance) {
        Order order = event.order();
        String current = chain == null ? order.clientOrderId().value() : chain.current;
        String pending = chain == null ? null : chain.pending;
        String execId = order.id() + "-" + event.version();
        String reason = event.reason();
        OrderEventType type = event.type();
        switch (type) {
            case INITIALIZED:
                return null;
            case TRIGGERED:
                if (Reports.isFix42(beginString)) {
                    return null;
                }
                return Reports.executionReport(beginString, order, current, null, execId,
                        ExecType.TRIGGERED_OR_ACTIVATED_BY_SYSTEM, null, null);
            case CANCEL_REJECTED:
            case UPDATE_REJECTED: {
                if (chain == null) {
                    return null;
                }
                if (advance) {
                    chain.pending = null;
                }
                String code = type == OrderEventType.CANCEL_REJECTED ? "CANCEL_REJECTED" : "REPLACE_REJECTED";
                return Reports.cancelReject(beginString, order, pending == null ? current : pending, current,
                        type == OrderEventType.CANCEL_REJECTED ? CxlRejResponseTo.ORDER_CANCEL_REQUEST
                                : CxlRejResponseTo.ORDER_CANCEL_REPLACE_REQUEST,
                        code,
                        reason == null ? "refused by the venue" : reason);
            }
            default:
                break;
        }
        char execType = switch (type) {
            case SUBMITTED -> ExecType.PENDING_NEW;
            case ACCEPTED -> ExecType.NEW;
            case DENIED, REJECTED -> ExecType.REJECTED;
            case PENDING_UPDATE -> ExecType.PENDING_REPLACE;
            case PENDING_CANCEL -> ExecType.PENDING_CANCEL;
            case UPDATED -> ExecType.REPLACED;
            case FILL -> ExecType.TRADE;
            case CANCELED -> ExecType.CANCELED;
            case EXPIRED -> ExecType.EXPIRED;
            default -> throw new IllegalStateException("no report for " + type);
        };
        boolean answersRequest = pending != null && (type == OrderEventType.PENDING_UPDATE
                || type == OrderEventType.PENDING_CANCEL || type == OrderEventType.UPDATED
                || type == OrderEventType.CANCELED);
        String clOrdId = answersRequest ? pending : current;
        String orig = answersRequest ? current : null;
        String text = type == OrderEventType.DENIED || type == OrderEventType.REJECTED
                ? RejectCode.orDefault(order.rejectCode(), type == OrderEventType.DENIED ? OrderStatus.DENIED
                        : OrderStatus.REJECTED) + ": "
                        + (reason == null ? "the order was " + type : reason)
                : reason;
        Message report = Reports.executionReport(beginString, order, clOrdId, orig, execId, execType, event.fill(),
                text);
        if (advance && chain != null && type == OrderEventType.UPDATED && pending != null) {
            chain.current = pending;
            chain.pending = null;
            byClientState(order).ifPresent(s -> s.aliases.put(pending, order.id()));
        } else if (advance && chain != null && type == OrderEventType.CANCELED) {
            chain.pending = null;
        }
        if (advance && order.status().isTerminal()) {
            chains.remove(order.id());
        }
        return report;
    }

    private Optional<SessionState> byClientState(Order order) {
        String id = order.clientOrderId().value();
        int end = id.indexOf(':', PREFIX.length());
        return end < 0 ? Optional.empty()
                : Optional.ofNullable(byClient.get(
                        id.substring(PREFIX.length(), end)));
    }

    private Chain chain(Order order, SessionState owner) {
        return chains.computeIfAbsent(order.id(), id -> new Chain(
                order.clientOrderId().value().substring(owner.policy.clientOrderPrefix().length())));
    }

    private String currentClOrdId(Order order, SessionState owner) {
        Chain chain = chains.get(order.id());
        return chain != null ? chain.current
                : order.clientOrderId().value().substring(owner.policy.clientOrderPrefix().length());
    }

    // ----------------------------------------------------------------------------------------- plumbing

    private String nextExecId() {
        return "x" + execIds.incrementAndGet();
    }

    private static void send(SessionID session, Message message) {
        Session target = Session.lookupSession(session);
        if (target == null) {
            LOG.warn("FIX {} is gone: dropped a {}", session,
                    message.getHeader().getOptionalString(MsgType.FIELD).orElse("?"));
            return;
        }
        // Stored and sequenced even while the client is away: its Resend after the next Logon replays it.
        target.send(message);
    }

    private void record(SessionState state, String type, String subject, String detail) {
        AuditService journal = audit.get();
        if (journal == null) {
            return;
        }
        Actor actor = Actor.of(state.policy.user(), Channel.FIX);
        auditWriter.execute(() -> {
            try {
                journal.record(actor, type, subject, state.policy.portfolio(), detail, Map.of("session",
                        state.policy.session().toString()));
            } catch (RuntimeException e) {
                LOG.warn("FIX {}: could not audit {}: {}", state.policy.session(), type, e.toString());
            }
        });
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** A client's ClOrdID chain for one order: the current ClOrdID and the one of a cancel/replace in flight. */
    private static final class Chain {
        volatile String current;
        volatile String pending;

        Chain(String original) {
            this.current = original;
        }
    }

    /** One session's policy and state. */
    private static final class SessionState {
        final SessionPolicy policy;
        final Throttle throttle;
        /** Cancels, replaces, status and mass cancels of this session, in arrival order, off QuickFIX/J's thread. */
        final ExecutorService commands;
        final Map<String, CompletableFuture<Order>> submits = new ConcurrentHashMap<>();
        final Map<String, OrderId> aliases = new ConcurrentHashMap<>();
        final Set<String> requestIds = ConcurrentHashMap.newKeySet();
        volatile boolean loggedOn;
        volatile ScheduledFuture<?> cancelOnDisconnect;

        SessionState(SessionPolicy policy) {
            this.policy = policy;
            this.throttle = new Throttle(policy.messagesPerSecond());
            this.commands = Executors.newSingleThreadExecutor(daemon("nautilus-fix-" + policy.session()
                    .getTargetCompID()));
        }
    }
}
