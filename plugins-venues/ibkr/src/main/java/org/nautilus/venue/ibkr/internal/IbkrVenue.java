package org.nautilus.venue.ibkr.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.net.CookieManager;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Money;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.marketdata.MarketDataService;
import org.nautilus.api.venue.BookDepth;
import org.nautilus.api.venue.ExecType;
import org.nautilus.api.venue.ExecutionListener;
import org.nautilus.api.venue.ExecutionReport;
import org.nautilus.api.venue.Venue;
import org.nautilus.api.venue.VenueConnectionListener;
import org.nautilus.api.venue.VenueExecution;
import org.nautilus.api.venue.VenueOrder;
import org.nautilus.api.venue.VenuePosition;
import org.nautilus.api.venue.VenueQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Interactive Brokers through the Client Portal Web API of a local gateway. One thread of its own does every call
 * that changes something (place, answer confirmation questions, modify, cancel), checks the session, keeps it alive
 * and polls live orders and trades for the reports: the OMS's threads never wait on the network. Our orders carry
 * {@code cOID = nautilus-<order id>}, which IBKR echoes as {@code order_ref} on orders and trades: that is how a
 * report finds its order, and how reconciliation tells ours from external ones.
 *
 * <p>Session: {@code /iserver/auth/status} says whether the brokerage session is authenticated and connected; a 401
 * on any call, or a status that is not, makes the venue DISCONNECTED (the OMS stops routing to it; open orders stay
 * known). The gateway's daily restart and re-authentication look exactly like that; when the status is authenticated
 * again the venue reports connected and the OMS reconciles.
 *
 * <p>Streaming ({@link IbkrStream}; quotes in {@link IbkrQuotes}): while the session is up the venue also holds the
 * gateway's WebSocket ({@link IbkrSocket}): it sends
 * the session ({@code {"session":...}}) and, once the gateway confirms it ({@code sts} authenticated), subscribes to
 * live orders ({@code sor}), trades ({@code str}) and the quotes of its instruments ({@code smd+CONID}). What is pushed
 * is booked as it arrives, on the socket's thread (the worker may be waiting on a paced request); pushed and polled
 * news are booked under one lock, so a fill seen both ways is booked once, by execution id. While the socket streams,
 * orders and trades are not polled; a dropped, silent or unconfirmed socket is logged, polling takes over at once, the
 * socket is reopened with a doubling back-off, and once it streams again one poll reconciles what happened in
 * between. A socket problem alone never makes the venue DISCONNECTED: only the REST session does.
 */
public final class IbkrVenue implements Venue, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IbkrVenue.class);
    static final String REF_PREFIX = "nautilus-";

    private final IbkrConfig config;
    private final IbkrClient client;
    private final Clock clock;
    private final ScheduledExecutorService worker;
    private final Map<OrderId, Tracked> tracked = new ConcurrentHashMap<>();
    /** Held while an order's state changes and its report goes out: pushed and polled news are booked one at a time. */
    private final Object books = new Object();
    private final Map<InstrumentId, Long> conids = new ConcurrentHashMap<>();
    private final Map<Long, InstrumentId> instruments = new ConcurrentHashMap<>();
    private volatile boolean connected;
    private volatile String reason;
    private volatile String account;
    private volatile VenueConnectionListener connection;
    private final HttpClient http;
    /** First-party OAuth instead of a local gateway's login; {@code null}: the gateway's session. */
    private final IbkrOAuth oauth;
    private final IbkrQuotes quotes;
    private final IbkrStream stream;
    private volatile boolean closed;

    /**
     * An order of ours at IBKR. Its state changes under {@link #books}: the worker (placing, polling) and the socket's
     * thread (pushed fills and states) both book, one at a time.
     */
    private static final class Tracked {
        final Order order;
        volatile ExecutionListener listener;
        volatile String ibkrOrderId;
        /** The order's total quantity (changed by an amend). */
        volatile Quantity quantity;
        final Set<String> executions = ConcurrentHashMap.newKeySet();
        Quantity filled = Quantity.ZERO;
        boolean accepted;
        boolean done;

        Tracked(Order order, ExecutionListener listener) {
            this.order = order;
            this.listener = listener;
            this.quantity = order.quantity();
        }
    }

    public IbkrVenue(IbkrConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.conids.putAll(config.conids());
        config.conids().forEach((instrument, conid) -> instruments.put(conid, instrument));
        this.account = config.accountId().isEmpty() ? null : config.accountId();
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "nautilus-venue-" + config.venueId());
            thread.setDaemon(true);
            return thread;
        });
        IbkrQuotes.Contracts contracts = new IbkrQuotes.Contracts() {
            @Override
            public long conid(InstrumentId instrument) throws IbkrException, Rejection {
                return IbkrVenue.this.conid(instrument);
            }

            @Override
            public InstrumentId instrument(long conid, JsonNode node) {
                InstrumentId known = instruments.get(conid);
                return known != null ? known : IbkrVenue.this.instrument(node);
            }
        };
        this.quotes = new IbkrQuotes(config.venueId(), clock, contracts);
        boolean configured = config.configured();
        this.http = configured ? httpClient(config) : null;
        this.oauth = configured && config.oauth() != null
                ? new IbkrOAuth(config.oauth(), clock, new SecureRandom())
                : null;
        this.client = configured ? new IbkrClient(config.baseUrl(), http, new Pacer(config.requestsPerSecond()),
                config.timeout(), config.retries429(), config.backoff(), oauth) : null;
        this.stream = new IbkrStream(config, client, http, oauth, worker, quotes, contracts, new IbkrStream.Owner() {
            @Override
            public boolean live() {
                return connected && !closed;
            }

            @Override
            public void orderUpdate(JsonNode order) {
                IbkrVenue.this.orderUpdate(order);
            }

            @Override
            public void trade(JsonNode trade) {
                bookTrade(trade);
            }

            @Override
            public void pollOrdersAndTrades() {
                IbkrVenue.this.pollOrdersAndTrades();
            }
        });
        if (!configured) {
            this.reason = "not configured: set base.url (the Client Portal gateway) in etc/nautilus.venue.ibkr.cfg";
            return;
        }
        this.reason = "connecting to " + config.baseUrl();
        long session = config.sessionCheck().toMillis();
        long poll = config.pollInterval().toMillis();
        worker.scheduleWithFixedDelay(guard(this::checkSession), 0, session, TimeUnit.MILLISECONDS);
        worker.scheduleWithFixedDelay(guard(this::poll), poll, poll, TimeUnit.MILLISECONDS);
        long tickle = config.keepalive().toMillis();
        worker.scheduleWithFixedDelay(guard(this::tickle), tickle, tickle, TimeUnit.MILLISECONDS);
        if (config.streaming().enabled()) {
            long watch = Math.max(10, Math.min(config.streaming().heartbeat().toMillis(),
                    config.streaming().silence().toMillis() / 2));
            worker.scheduleWithFixedDelay(guard(stream::heartbeat), watch, watch, TimeUnit.MILLISECONDS);
        }
    }

    private static HttpClient httpClient(IbkrConfig config) {
        // Cookies the gateway sets are kept and go with later requests and the WebSocket's opening handshake.
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(config.timeout())
                .cookieHandler(new CookieManager());
        if (config.trustSelfSigned() && "https".equalsIgnoreCase(config.baseUrl().getScheme())) {
            // The local Client Portal gateway serves a self-signed certificate on localhost.
            try {
                SSLContext tls = SSLContext.getInstance("TLS");
                tls.init(null, new TrustManager[] {new X509TrustManager() {
                    @Override
                    public void checkClientTrusted(X509Certificate[] chain, String authType) {
                    }

                    @Override
                    public void checkServerTrusted(X509Certificate[] chain, String authType) {
                    }

                    @Override
                    public X509Certificate[] getAcceptedIssuers() {
                        return new X509Certificate[0];
                    }
                }}, new SecureRandom());
                builder.sslContext(tls);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot set up TLS for the IBKR gateway", e);
            }
        }
        return builder.build();
    }

    private Runnable guard(Runnable task) {
        return guard(config.venueId(), task);
    }

    /** A task of the venue's worker that logs what it throws instead of ending the worker's schedule. */
    static Runnable guard(VenueId venue, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("IBKR venue {}: task failed", venue, e);
            }
        };
    }

    // ------------------------------------------------------------------ session

    private void checkSession() {
        try {
            if (oauth != null && !oauth.hasToken()) {
                client.openOAuthSession();
            }
            JsonNode status = client.post("/iserver/auth/status", null);
            boolean up = status.path("authenticated").asBoolean(false) && status.path("connected").asBoolean(false);
            if (!up) {
                String message = status.path("message").asText("");
                disconnected("gateway session not authenticated" + (message.isEmpty() ? "" : ": " + message)
                        + (status.path("competing").asBoolean(false) ? " (competing session)" : ""));
                return;
            }
            if (!connected) {
                // The gateway wants /iserver/accounts read before any order call.
                JsonNode accounts = client.get("/iserver/accounts");
                if (account == null) {
                    String selected = accounts.path("selectedAccount").asText("");
                    account = !selected.isEmpty() ? selected : accounts.path("accounts").path(0).asText(null);
                }
                if (account == null) {
                    disconnected("the gateway lists no account: set account.id");
                    return;
                }
                setConnected();
            }
        } catch (IbkrException e) {
            disconnected(e.getMessage());
        }
    }

    private void tickle() {
        if (!connected) {
            return;
        }
        try {
            client.post("/tickle", null);
        } catch (IbkrException e) {
            if (e.unauthenticated()) {
                disconnected(e.getMessage());
            } else {
                LOG.warn("IBKR venue {}: keep-alive failed: {}", config.venueId(), e.getMessage());
            }
        }
    }

    private void setConnected() {
        connected = true;
        reason = null;
        LOG.info("IBKR venue {}: connected to {} (account {})", config.venueId(), config.baseUrl(), account);
        VenueConnectionListener listener = connection;
        if (listener != null) {
            listener.connected(config.venueId());
        }
        stream.open();
    }

    private void disconnected(String why) {
        boolean was = connected;
        connected = false;
        reason = why;
        // Without the REST session the socket carries nothing: close it; it reopens with the session.
        stream.close();
        if (was) {
            LOG.warn("IBKR venue {}: disconnected: {}", config.venueId(), why);
            VenueConnectionListener listener = connection;
            if (listener != null) {
                listener.disconnected(config.venueId(), why);
            }
        }
    }

    /** Why the venue is not connected, {@code null} when it is. */
    public String reason() {
        return reason;
    }

    /** Requests sent and 429s received so far. */
    long requests() {
        return client == null ? 0 : client.requests();
    }

    long throttled() {
        return client == null ? 0 : client.throttled();
    }

    // ------------------------------------------------------------------ Venue

    @Override
    public VenueId id() {
        return config.venueId();
    }

    @Override
    public String description() {
        return "Interactive Brokers, Client Portal Web API "
                + (config.configured() ? "at " + config.baseUrl() + (oauth == null ? "" : " (OAuth)")
                        : "(not configured)")
                + (account == null ? "" : ", account " + account);
    }

    @Override
    public boolean connected() {
        return connected;
    }

    @Override
    public void connectionListener(VenueConnectionListener listener) {
        connection = listener;
    }

    @Override
    public void submit(Order order, ExecutionListener listener) {
        Tracked t = new Tracked(order, listener);
        tracked.put(order.id(), t);
        run(() -> place(t));
    }

    @Override
    public void cancel(Order order, ExecutionListener listener) {
        Tracked t = tracked.get(order.id());
        if (t == null) {
            listener.onReport(ExecutionReport.of(order.id(), id(), ExecType.REJECTED, "cancel-" + order.id(),
                    "order " + order.id() + " is not working at " + id(), clock.instant()));
            return;
        }
        t.listener = listener;
        run(() -> cancel(t));
    }

    @Override
    public boolean supportsAmend() {
        return true;
    }

    @Override
    public void amend(Order amended, ExecutionListener listener) {
        Tracked t = tracked.get(amended.id());
        if (t == null || t.ibkrOrderId == null) {
            listener.onReport(ExecutionReport.of(amended.id(), id(), ExecType.REPLACE_REJECTED, "amend-" + amended.id(),
                    "order " + amended.id() + " is not working at " + id(), clock.instant()));
            return;
        }
        t.listener = listener;
        run(() -> modify(t, amended));
    }

    private void run(Runnable command) {
        try {
            worker.execute(guard(command));
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("IBKR venue " + id() + " is stopped", e);
        }
    }

    // ------------------------------------------------------------------ orders (worker thread)

    private void place(Tracked t) {
        Order order = t.order;
        if (!connected) {
            report(t, ExecType.REJECTED, "IBKR is disconnected: " + reason);
            return;
        }
        try {
            long conid = conid(order.instrumentId());
            ObjectNode body = IbkrClient.JSON.createObjectNode();
            body.putArray("orders").add(orderBody(order.request(), conid, order.quantity())
                    .put("cOID", REF_PREFIX + order.id().value()));
            JsonNode answer = answerQuestions(client.post("/iserver/account/" + account + "/orders", body));
            String ibkrId = answer.path("order_id").asText("");
            if (ibkrId.isEmpty()) {
                report(t, ExecType.REJECTED, "IBKR did not place the order: " + answer);
                return;
            }
            String status = answer.path("order_status").asText("");
            synchronized (books) {
                t.ibkrOrderId = ibkrId;
                // The socket may have told of the order (a status, a fill) before this answer came back.
                if (!t.accepted) {
                    t.accepted = true;
                    report(t, ExecType.ACCEPTED, null);
                }
            }
            LOG.debug("IBKR venue {}: order {} placed as {} ({})", id(), order.id(), ibkrId, status);
        } catch (Rejection e) {
            report(t, ExecType.REJECTED, e.getMessage());
        } catch (IbkrException e) {
            report(t, ExecType.REJECTED, "IBKR refused the order: " + e.getMessage());
            if (e.unauthenticated()) {
                disconnected(e.getMessage());
            }
        }
    }

    private void cancel(Tracked t) {
        if (t.ibkrOrderId == null) {
            report(t, ExecType.REJECTED, "order " + t.order.id() + " has no IBKR order id yet: nothing to cancel");
            return;
        }
        try {
            // IBKR acknowledges with "Request was submitted": the cancel is confirmed later, when the live orders
            // show the order Cancelled.
            JsonNode answer = client.delete("/iserver/account/" + account + "/order/" + t.ibkrOrderId);
            LOG.debug("IBKR venue {}: cancel of {} sent: {}", id(), t.order.id(), answer.path("msg").asText(""));
        } catch (IbkrException e) {
            report(t, ExecType.REJECTED, "IBKR refused the cancel: " + e.getMessage());
            if (e.unauthenticated()) {
                disconnected(e.getMessage());
            }
        }
    }

    private void modify(Tracked t, Order amended) {
        try {
            long conid = conid(amended.instrumentId());
            ObjectNode body = orderBody(amended.request(), conid, amended.quantity());
            JsonNode answer = answerQuestions(client.post("/iserver/account/" + account + "/order/" + t.ibkrOrderId,
                    body));
            if (answer.path("order_id").asText("").isEmpty()) {
                report(t, ExecType.REPLACE_REJECTED, "IBKR did not modify the order: " + answer);
                return;
            }
            t.quantity = amended.quantity();
            report(t, ExecType.REPLACED, null);
        } catch (Rejection e) {
            report(t, ExecType.REPLACE_REJECTED, e.getMessage());
        } catch (IbkrException e) {
            report(t, ExecType.REPLACE_REJECTED, "IBKR refused the modification: " + e.getMessage());
            if (e.unauthenticated()) {
                disconnected(e.getMessage());
            }
        }
    }

    /** A business refusal (unknown contract, an unanswered question, an error field). */
    static final class Rejection extends Exception {
        Rejection(String message) {
            super(message);
        }
    }

    /**
     * Answers the confirmation questions IBKR asks about an order ({@code [{"id": replyId, "message": [...]}]}) with
     * {@code /iserver/reply/{replyId}} until it answers with the order ({@code order_id}); returns that element.
     */
    private JsonNode answerQuestions(JsonNode answer) throws IbkrException, Rejection {
        for (int round = 0; round < 5; round++) {
            JsonNode first = answer.isArray() ? answer.path(0) : answer;
            if (first.hasNonNull("error")) {
                throw new Rejection("IBKR rejected the order: " + first.path("error").asText());
            }
            if (first.hasNonNull("order_id")) {
                return first;
            }
            if (!first.hasNonNull("id")) {
                throw new Rejection("unexpected answer from IBKR: " + answer);
            }
            String question = first.path("message").toString();
            if (!config.confirmQuestions()) {
                throw new Rejection("IBKR asks " + question + " and confirm.questions is false");
            }
            LOG.info("IBKR venue {}: confirming {}", id(), question);
            ObjectNode yes = IbkrClient.JSON.createObjectNode().put("confirmed", true);
            answer = client.post("/iserver/reply/" + first.path("id").asText(), yes);
        }
        throw new Rejection("IBKR kept asking questions: " + answer);
    }

    private ObjectNode orderBody(OrderRequest request, long conid, Quantity quantity) throws Rejection {
        ObjectNode o = IbkrClient.JSON.createObjectNode();
        o.put("acctId", account);
        o.put("conid", conid);
        o.put("side", request.side().name());
        o.put("quantity", quantity.toBigDecimal());
        switch (request.type()) {
            case MARKET -> o.put("orderType", "MKT");
            case LIMIT -> o.put("orderType", "LMT").put("price", request.limitPrice().toBigDecimal());
            case STOP -> o.put("orderType", "STP").put("price", request.stopPrice().toBigDecimal());
            case STOP_LIMIT -> o.put("orderType", "STOP_LIMIT").put("price", request.limitPrice().toBigDecimal())
                    .put("auxPrice", request.stopPrice().toBigDecimal());
            default -> throw new Rejection("order type " + request.type() + " is not supported at IBKR by this venue");
        }
        switch (request.timeInForce()) {
            case DAY -> o.put("tif", "DAY");
            case GTC -> o.put("tif", "GTC");
            case IOC -> o.put("tif", "IOC");
            default -> throw new Rejection("time in force " + request.timeInForce()
                    + " is not supported at IBKR by this venue (DAY, GTC, IOC are)");
        }
        return o;
    }

    /** The IBKR contract id: from the configuration, else looked up once with /iserver/secdef/search and cached. */
    long conid(InstrumentId instrument) throws IbkrException, Rejection {
        Long known = conids.get(instrument);
        if (known != null) {
            return known;
        }
        JsonNode found = client.post("/iserver/secdef/search",
                IbkrClient.JSON.createObjectNode().put("symbol", instrument.value()));
        for (JsonNode contract : found) {
            boolean stock = false;
            for (JsonNode section : contract.path("sections")) {
                stock |= "STK".equals(section.path("secType").asText());
            }
            if (stock && contract.path("symbol").asText().equalsIgnoreCase(instrument.value())) {
                long conid = contract.path("conid").asLong();
                conids.put(instrument, conid);
                instruments.put(conid, instrument);
                LOG.info("IBKR venue {}: {} is conid {} ({})", id(), instrument, conid,
                        contract.path("companyHeader").asText(""));
                return conid;
            }
        }
        throw new Rejection("IBKR knows no stock " + instrument + ": add it to conids in etc/nautilus.venue.ibkr.cfg");
    }

    private InstrumentId instrument(JsonNode node) {
        long conid = node.path("conid").asLong(0);
        InstrumentId known = instruments.get(conid);
        if (known != null) {
            return known;
        }
        String ticker = node.path("ticker").asText(node.path("symbol").asText(""));
        return InstrumentId.of(ticker.isEmpty() ? "conid:" + conid : ticker);
    }

    private void report(Tracked t, ExecType type, String why) {
        synchronized (books) {
            if (type == ExecType.REJECTED || type == ExecType.CANCELED) {
                t.done = type == ExecType.CANCELED || !t.accepted;
            }
            t.listener.onReport(ExecutionReport.of(t.order.id(), id(), type, id() + "-" + type + "-" + t.order.id()
                    + "-" + clock.millis(), why, clock.instant()));
            if (t.done) {
                tracked.remove(t.order.id());
            }
        }
    }

    // ------------------------------------------------------------------ market data and the socket

    /**
     * The top of the book of the instrument (best bid and ask with sizes) as last pushed over the socket or read by
     * the poller, empty until one of them has seen it: asking registers the instrument (the socket subscribes to it,
     * or the poller reads its snapshot), never on the caller's thread.
     */
    @Override
    public Optional<BookDepth> depth(InstrumentId instrument, int levels) {
        if (quotes.want(instrument) && stream.streaming() && !closed) {
            run(() -> stream.subscribe(instrument));
        }
        return quotes.depth(instrument);
    }

    /** Where quotes go: the platform's market data service ({@code null}: nowhere but {@link #depth}). */
    public void marketData(MarketDataService service) {
        quotes.marketData(service);
    }

    /** The market data service went away (a replacement may already be bound: that one stays). */
    public void marketDataGone(MarketDataService service) {
        quotes.marketDataGone(service);
    }

    /** Whether orders, trades and quotes are streamed now (the socket is open); otherwise they are polled. */
    public boolean streaming() {
        return stream.streaming();
    }

    /** Messages received over the socket so far. */
    long pushedMessages() {
        return stream.pushedMessages();
    }

    // ------------------------------------------------------------------ orders and trades, pushed or polled

    /**
     * Books one execution (an element of {@code /iserver/account/trades} or of a socket's {@code str} message) once:
     * an execution id already booked is ignored, whichever way it came first.
     */
    private void bookTrade(JsonNode trade) {
        synchronized (books) {
            bookTradeLocked(trade);
        }
    }

    private void bookTradeLocked(JsonNode trade) {
        Tracked t = byRef(trade.path("order_ref").asText(""));
        if (t == null) {
            t = byIbkrId(trade.path("order_id").asText(""));
        }
        String executionId = trade.path("execution_id").asText("");
        if (t == null || executionId.isEmpty() || !t.executions.add(executionId)) {
            return;
        }
        if (!t.accepted) {
            // A fill pushed before the placing answer came back: the order is working at IBKR.
            t.accepted = true;
            report(t, ExecType.ACCEPTED, null);
        }
        Quantity qty = Quantity.of(decimal(trade.path("size")));
        t.filled = t.filled.plus(qty);
        t.listener.onReport(ExecutionReport.fill(t.order.id(), id(), executionId, qty,
                Price.of(decimal(trade.path("price"))), Money.of(decimal(trade.path("commission"))), time(trade)));
        if (t.filled.compareTo(t.quantity) >= 0) {
            tracked.remove(t.order.id());
        }
    }

    /**
     * Applies one order's state (an element of {@code /iserver/account/orders} or of a socket's {@code sor}
     * message, which may carry only the fields that changed: then the order is found by its IBKR id).
     */
    private void orderUpdate(JsonNode order) {
        synchronized (books) {
            orderUpdateLocked(order);
        }
    }

    private void orderUpdateLocked(JsonNode order) {
        Tracked t = byRef(order.path("order_ref").asText(""));
        if (t == null) {
            t = byIbkrId(order.path("orderId").asText(""));
        }
        if (t == null) {
            return;
        }
        String status = order.path("status").asText("");
        if (t.ibkrOrderId == null) {
            t.ibkrOrderId = order.path("orderId").asText(null);
        }
        switch (status) {
            case "Cancelled" -> report(t, ExecType.CANCELED, "canceled at IBKR");
            case "Inactive" -> report(t, t.accepted ? ExecType.CANCELED : ExecType.REJECTED,
                    "inactive at IBKR (rejected or expired by IBKR or the exchange)");
            default -> {
                if (!t.accepted && ("Submitted".equals(status) || "PreSubmitted".equals(status))) {
                    t.accepted = true;
                    report(t, ExecType.ACCEPTED, null);
                }
            }
        }
    }

    private void poll() {
        if (!connected || stream.streaming()) {
            return; // the socket pushes orders, trades and quotes
        }
        try {
            quotes.poll(client);
        } catch (IbkrException e) {
            LOG.warn("IBKR venue {}: market data snapshot failed: {}", id(), e.getMessage());
        }
        pollOrdersAndTrades();
    }

    private void pollOrdersAndTrades() {
        if (tracked.isEmpty()) {
            return;
        }
        try {
            for (JsonNode trade : client.get("/iserver/account/trades")) {
                bookTrade(trade);
            }
            for (JsonNode order : client.get("/iserver/account/orders").path("orders")) {
                orderUpdate(order);
            }
        } catch (IbkrException e) {
            if (e.unauthenticated()) {
                disconnected(e.getMessage());
            } else {
                LOG.warn("IBKR venue {}: polling orders and trades failed: {}", id(), e.getMessage());
            }
        }
    }

    private Tracked byIbkrId(String ibkrOrderId) {
        if (ibkrOrderId == null || ibkrOrderId.isEmpty()) {
            return null;
        }
        for (Tracked t : tracked.values()) {
            if (ibkrOrderId.equals(t.ibkrOrderId)) {
                return t;
            }
        }
        return null;
    }

    private Tracked byRef(String ref) {
        OrderId id = orderId(ref);
        return id == null ? null : tracked.get(id);
    }

    static OrderId orderId(String ref) {
        if (ref == null || !ref.startsWith(REF_PREFIX)) {
            return null;
        }
        try {
            return OrderId.of(Long.parseLong(ref.substring(REF_PREFIX.length())));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static BigDecimal decimal(JsonNode node) {
        if (node.isNumber()) {
            return node.decimalValue();
        }
        String text = node.asText("").replace(",", "").strip();
        return text.isEmpty() ? BigDecimal.ZERO : new BigDecimal(text);
    }

    private Instant time(JsonNode trade) {
        long millis = trade.path("trade_time_r").asLong(0);
        return millis > 0 ? Instant.ofEpochMilli(millis) : clock.instant();
    }

    private static Side side(String text) {
        return text.startsWith("B") ? Side.BUY : Side.SELL;
    }

    // ------------------------------------------------------------------ reconciliation queries (caller's thread)

    @Override
    public VenueQuery<List<VenueOrder>> openOrders() {
        if (!connected) {
            return VenueQuery.failed("IBKR is disconnected: " + reason);
        }
        try {
            List<VenueOrder> open = new ArrayList<>();
            for (JsonNode o : client.get("/iserver/account/orders").path("orders")) {
                String status = o.path("status").asText("");
                if (status.equals("Filled") || status.equals("Cancelled") || status.equals("Inactive")) {
                    continue;
                }
                Quantity filled = Quantity.of(decimal(o.path("filledQuantity")));
                Quantity remaining = Quantity.of(decimal(o.path("remainingQuantity")));
                Quantity total = o.has("totalSize") ? Quantity.of(decimal(o.path("totalSize")))
                        : filled.plus(remaining);
                JsonNode price = o.path("price");
                open.add(new VenueOrder(orderId(o.path("order_ref").asText("")), o.path("orderId").asText(),
                        instrument(o), side(o.path("side").asText("")), total, filled,
                        price.isMissingNode() || price.asText("").isEmpty() ? null : Price.of(decimal(price))));
            }
            return VenueQuery.answered(open);
        } catch (IbkrException | RuntimeException e) {
            return VenueQuery.failed("live orders: " + e.getMessage());
        }
    }

    @Override
    public VenueQuery<List<VenueExecution>> executions(Instant since) {
        if (!connected) {
            return VenueQuery.failed("IBKR is disconnected: " + reason);
        }
        try {
            List<VenueExecution> executions = new ArrayList<>();
            for (JsonNode trade : client.get("/iserver/account/trades")) {
                Instant at = time(trade);
                if (at.isBefore(since)) {
                    continue;
                }
                executions.add(new VenueExecution(trade.path("execution_id").asText(),
                        orderId(trade.path("order_ref").asText("")), trade.path("order_id").asText(""),
                        instrument(trade), side(trade.path("side").asText("")),
                        Quantity.of(decimal(trade.path("size"))),
                        Price.of(decimal(trade.path("price"))), Money.of(decimal(trade.path("commission"))), at));
            }
            return VenueQuery.answered(executions);
        } catch (IbkrException | RuntimeException e) {
            return VenueQuery.failed("trades: " + e.getMessage());
        }
    }

    @Override
    public VenueQuery<List<VenuePosition>> positions() {
        if (!connected) {
            return VenueQuery.failed("IBKR is disconnected: " + reason);
        }
        try {
            List<VenuePosition> positions = new ArrayList<>();
            // Pages of up to 100 positions (IBKR's page size); a shorter page is the last.
            for (int page = 0; page < 100; page++) {
                JsonNode answer = client.get("/portfolio/" + account + "/positions/" + page);
                int count = 0;
                for (JsonNode p : answer) {
                    count++;
                    Quantity quantity = Quantity.of(decimal(p.path("position")));
                    if (!quantity.isZero()) {
                        positions.add(new VenuePosition(instrument(p), quantity));
                    }
                }
                if (count < 100) {
                    break;
                }
            }
            return VenueQuery.answered(positions);
        } catch (IbkrException | RuntimeException e) {
            return VenueQuery.failed("positions: " + e.getMessage());
        }
    }

    /** Open orders of ours this venue still follows (for listings after the bundle is removed, and for tests). */
    public int followedOrders() {
        return tracked.size();
    }

    @Override
    public void close() {
        closed = true;
        worker.shutdownNow();
        disconnected("venue stopped");
    }
}
