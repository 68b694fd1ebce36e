package org.nautilus.rest.internal;

import java.io.InputStream;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderType;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.TimeInForce;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.marketdata.MarketDataService;
import org.nautilus.api.oms.OrderService;
import org.nautilus.api.oms.OrderServiceUnavailableException;

/**
 * Order submission over HTTP, free of any HTTP stack: a request body and its {@code Idempotency-Key} in, the answer
 * (status, body, headers) out once the order is durable. {@link OrderEntryFilter} serves it; tests drive it directly.
 * One order ({@code POST /api/v1/orders}) or a batch of independent ones ({@code POST /api/v1/orders:batch}), each
 * through {@link OrderService#submitAsync}, so no thread waits for the journal.
 */
final class OrderEntry {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** The most orders one batch may carry. */
    static final int MAX_BATCH = 1_000;
    /** A batch's body limit: {@link #MAX_BATCH} orders of up to ~1 KB each. */
    static final int MAX_BATCH_BYTES = 1024 * 1024;

    /** Random per node run (one SecureRandom draw), so generated ids never repeat an earlier run's. */
    private static final String GENERATED_ID_PREFIX = "http-" + Long.toString(
            new SecureRandom().nextLong() & Long.MAX_VALUE, 36) + "-";
    private static final AtomicLong GENERATED_IDS = new AtomicLong();

    /**
     * What the client gets.
     *
     * @param location the new order's URI path (201 only), else {@code null}
     * @param replayed the order existed before this request (a resubmit of its client order id)
     */
    record Answer(int status, String body, String location, boolean replayed) {
    }

    private final Supplier<OrderService> orders;
    private final Supplier<MarketDataService> marketData;

    OrderEntry(Supplier<OrderService> orders, Supplier<MarketDataService> marketData) {
        this.orders = orders;
        this.marketData = marketData;
    }

    /** One order: the answer completes when the order is durable, or at once when the request is refused. */
    CompletionStage<Answer> submit(String contentType, InputStream body, String idempotencyKey) {
        OrderRequest request;
        OrderService oms;
        try {
            request = request(Json.readBody(contentType, body, OrderBodies.Submit.class), idempotencyKey);
            oms = oms();
        } catch (RuntimeException refused) {
            return CompletableFuture.completedFuture(failure(refused));
        }
        return submit(oms, request);
    }

    /**
     * A batch: {@code {"orders":[...]}}, each order on its own (not a list: one refused order does not stop the
     * others; for all-or-nothing use {@code /api/v1/order-lists}). The answer is 200 with one result per order in
     * the batch's order, each with the status and body a single submit would have had; a malformed batch as a whole
     * is the usual error.
     */
    CompletionStage<Answer> submitBatch(String contentType, InputStream body, String idempotencyKey) {
        List<OrderBodies.Submit> items;
        OrderService oms;
        try {
            if (Params.blankToNull(idempotencyKey) != null) {
                throw new ApiException(400, "IDEMPOTENCY_KEY_ON_BATCH", "a batch takes no " + IDEMPOTENCY_KEY
                        + " header: give each order its clientOrderId to make it idempotent", null);
            }
            OrderBodies.Batch batch = Json.readBody(contentType, body, OrderBodies.Batch.class, MAX_BATCH_BYTES);
            items = batch.orders();
            if (items == null || items.isEmpty()) {
                throw new ApiException(400, "MISSING_FIELD", "orders is required: a list of 1 to " + MAX_BATCH
                        + " orders", "orders");
            }
            if (items.size() > MAX_BATCH) {
                throw new ApiException(400, "BATCH_TOO_LARGE", "a batch carries at most " + MAX_BATCH + " orders, got "
                        + items.size(), "orders");
            }
            oms = oms();
        } catch (RuntimeException refused) {
            return CompletableFuture.completedFuture(failure(refused));
        }
        List<CompletableFuture<Answer>> answers = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            OrderBodies.Submit item = items.get(i);
            OrderRequest request;
            try {
                if (item == null) {
                    throw new ApiException(400, "WRONG_TYPE", "orders[" + i + "] is null: each order is an object",
                            "orders[" + i + "]");
                }
                request = request(item, null);
            } catch (RuntimeException refused) {
                answers.add(CompletableFuture.completedFuture(failure(inBatch(refused, i))));
                continue;
            }
            answers.add(submit(oms, request).toCompletableFuture());
        }
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenApply(all -> {
            StringBuilder out = new StringBuilder(answers.size() * 600).append("{\"results\":[");
            for (int i = 0; i < answers.size(); i++) {
                Answer answer = answers.get(i).join();
                out.append(i == 0 ? "" : ",").append("{\"status\":").append(answer.status())
                        .append(answer.replayed() ? ",\"replayed\":true" : "")
                        .append(answer.status() < 300 ? ",\"order\":" : ",\"error\":").append(answer.body())
                        .append('}');
            }
            return new Answer(200, out.append("]}").toString(), null, false);
        });
    }

    private CompletionStage<Answer> submit(OrderService oms, OrderRequest request) {
        // The OMS answers a repeated client order id with the order it created: one created before this request
        // is a replay. (No lookup of our own first: it would cost a store read per new order.)
        Instant received = Instant.now();
        try {
            return oms.submitAsync(request).handle((order, failure) -> failure != null
                    ? failure(failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause()
                            : failure)
                    : answer(order, received));
        } catch (RuntimeException failed) {
            return CompletableFuture.completedFuture(failure(failed));
        }
    }

    /** 201 with the order, 200 with it when it existed before {@code received}, or the order's own denial. */
    static Answer answer(Order order, Instant received) {
        if (order.createdAt().isBefore(received)) {
            return new Answer(200, Json.write(OrderView.of(order)), null, true);
        }
        if (order.refusalCode() != null) {
            return failure(new ApiException(refusal(order)));
        }
        return new Answer(201, Json.write(OrderView.of(order)), "/api/v1/orders/" + order.id(), false);
    }

    /** A refused order's 422: its reject code, its reason as it is, its id. */
    static ApiError refusal(Order order) {
        return new ApiError(422, order.refusalCode().name(), order.reason() == null
                ? "the order was " + order.status()
                : order.reason(), null, order.id().toString());
    }

    /** The error shape of a failure (the same {@link ErrorMapper} gives every other resource). */
    static Answer failure(Throwable failure) {
        ApiError error = ErrorMapper.error(failure);
        return new Answer(error.status(), Json.write(error), null, false);
    }

    /** A batch item's refusal names its place: {@code orders[3].symbol}. */
    private static Throwable inBatch(RuntimeException refused, int index) {
        if (refused instanceof ApiException api && api.error().field() != null
                && !api.error().field().startsWith("orders[")) {
            ApiError error = api.error();
            return new ApiException(new ApiError(error.status(), error.code(), error.message(),
                    "orders[" + index + "]." + error.field(), error.orderId()));
        }
        return refused;
    }

    /**
     * A client order id for an order that came without one: this node run's random prefix and a counter. Not
     * {@code UUID.randomUUID()}: its one shared SecureRandom is a lock every order entry thread queued on (JFR under
     * load: 2.6 s of 13 s of request threads blocked there).
     */
    private static String generatedClientOrderId() {
        return GENERATED_ID_PREFIX + Long.toString(GENERATED_IDS.incrementAndGet(), 36);
    }

    OrderRequest request(OrderBodies.Submit body, String idempotencyKey) {
        String key = Params.blankToNull(idempotencyKey);
        String clientId = Params.blankToNull(body.clientOrderId());
        if (key != null && clientId != null && !key.equals(clientId)) {
            throw new ApiException(400, "IDEMPOTENCY_KEY_MISMATCH", "the " + IDEMPOTENCY_KEY + " header '" + key
                    + "' differs from clientOrderId '" + clientId + "': give one, or the same in both",
                    "clientOrderId");
        }
        if (clientId == null) {
            clientId = key != null ? key : generatedClientOrderId();
        }
        String symbol = Params.blankToNull(body.symbol());
        if (symbol == null) {
            throw new ApiException(400, "MISSING_FIELD", "symbol is required, e.g. \"AAPL\"", "symbol");
        }
        if (body.side() == null) {
            throw new ApiException(400, "MISSING_FIELD", "side is required: BUY or SELL", "side");
        }
        if (body.quantity() == null) {
            throw new ApiException(400, "MISSING_FIELD", "quantity is required, e.g. 10 or \"0.5\"", "quantity");
        }
        Quantity quantity = OrdersResource.quantity("quantity", body.quantity());
        MarketDataService instruments = marketData.get();
        InstrumentId instrument = OrdersResource.id("symbol", symbol, InstrumentId::of);
        if (instruments != null && instruments.instrument(instrument).isEmpty()) {
            throw new ApiException(422, "UNKNOWN_SYMBOL", "no instrument '" + symbol + "'; GET /api/v1/instruments "
                    + "lists them", "symbol");
        }
        OrderType type = body.type() == null ? OrderType.MARKET : body.type();
        TimeInForce tif = body.timeInForce() == null ? TimeInForce.DAY : body.timeInForce();
        Instant expire = Params.instant("expireTime", body.expireTime());
        try {
            return new OrderRequest(OrdersResource.id("clientOrderId", clientId, ClientOrderId::of),
                    OrdersResource.id("portfolio", body.portfolio() == null ? "default" : body.portfolio(),
                            PortfolioId::of),
                    instrument, body.side(), type, quantity, OrdersResource.price("limitPrice", body.limitPrice()),
                    OrdersResource.price("stopPrice", body.stopPrice()), tif, expire,
                    body.venue() == null ? null : OrdersResource.id("venue", body.venue(), VenueId::of),
                    Boolean.TRUE.equals(body.postOnly()), Boolean.TRUE.equals(body.reduceOnly()));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "INVALID_ORDER", e.getMessage(), fieldOf(e.getMessage()));
        }
    }

    private static String fieldOf(String message) {
        String text = message == null ? "" : message;
        if (text.contains("limit price")) {
            return "limitPrice";
        }
        if (text.contains("stop price")) {
            return "stopPrice";
        }
        if (text.contains("expire")) {
            return "expireTime";
        }
        if (text.contains("post-only")) {
            return "postOnly";
        }
        return null;
    }

    private OrderService oms() {
        OrderService oms = orders.get();
        if (oms == null) {
            throw new OrderServiceUnavailableException("the OMS is not running on this node or in the cluster");
        }
        return oms;
    }
}
