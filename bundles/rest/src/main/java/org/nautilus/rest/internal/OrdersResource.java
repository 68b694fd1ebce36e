package org.nautilus.rest.internal;

import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Response;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;
import org.nautilus.api.oms.CommandResult;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.oms.OrderService;
import org.nautilus.api.oms.OrderServiceUnavailableException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Orders over HTTP: amend, cancel, cancel-all, one order with its history and fills, and the blotter. Submission
 * ({@code POST /api/v1/orders} and {@code :batch}) is not here: {@link OrderEntryFilter} serves it below JAX-RS, the
 * hot path of order entry without CXF's per-request cost.
 */
@Component(service = OrdersResource.class, property = "osgi.jaxrs.resource=true")
@Path("/api/v1/orders")
@Produces(Json.MEDIA_TYPE)
public class OrdersResource {

    private static final int MAX_PAGE = 1000;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile OrderService orders;

    static Quantity quantity(String field, BigDecimal value) {
        Quantity quantity = exact(field, value, Quantity::of);
        if (!quantity.isPositive()) {
            throw new ApiException(400, "INVALID_QUANTITY", field + " must be positive, got " + value.toPlainString(),
                    field);
        }
        return quantity;
    }

    static Price price(String field, BigDecimal value) {
        if (value == null) {
            return null;
        }
        Price price = exact(field, value, Price::of);
        if (!price.isPositive()) {
            throw new ApiException(400, "INVALID_PRICE", field + " must be positive, got " + value.toPlainString(),
                    field);
        }
        return price;
    }

    /** A fixed-point value of the decimal, or INVALID_VALUE when it cannot be held exactly. */
    private static <T> T exact(String field, BigDecimal value, Function<BigDecimal, T> of) {
        try {
            return of.apply(value);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new ApiException(400, "INVALID_VALUE", field + " " + value.toPlainString()
                    + " cannot be held exactly (at most 8 decimals and 92233720368 in size): " + e.getMessage(), field);
        }
    }

    static <T> T id(String field, String text, Function<String, T> parse) {
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ApiException(400, "INVALID_VALUE", field + ": " + e.getMessage(), field);
        }
    }

    @GET
    public String blotter(@QueryParam("status") String status, @QueryParam("portfolio") String portfolio,
            @QueryParam("symbol") String symbol, @QueryParam("side") String side,
            @QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        Set<OrderStatus> statuses = Params.enumSet("status", OrderStatus.class, status);
        Side wantedSide = side == null || side.isBlank() ? null : Params.enumValue("side", Side.class, side);
        int from = Params.intIn("offset", offset, 0, 0, Integer.MAX_VALUE);
        int size = Params.intIn("limit", limit, 100, 1, MAX_PAGE);
        String wantedPortfolio = Params.blankToNull(portfolio);
        String wantedSymbol = Params.blankToNull(symbol);
        List<Order> matching = oms().orders().stream()
                .filter(o -> statuses.isEmpty() || statuses.contains(o.status()))
                .filter(o -> wantedPortfolio == null || o.portfolioId().value().equals(wantedPortfolio))
                .filter(o -> wantedSymbol == null || o.instrumentId().value().equals(wantedSymbol))
                .filter(o -> wantedSide == null || o.side() == wantedSide)
                .sorted(Comparator.comparing(Order::id).reversed())
                .toList();
        List<OrderView> page = matching.stream().skip(from).limit(size).map(OrderView::of).toList();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("total", matching.size());
        result.put("offset", from);
        result.put("limit", size);
        result.put("items", page);
        return Json.write(result);
    }

    @GET
    @Path("{orderId}")
    public String order(@PathParam("orderId") String orderId) {
        return Json.write(OrderView.of(find(Params.orderId(orderId))));
    }

    @GET
    @Path("by-client-id/{clientOrderId}")
    public String byClientId(@PathParam("clientOrderId") String clientOrderId) {
        ClientOrderId id = id("clientOrderId", clientOrderId, ClientOrderId::of);
        return Json.write(OrderView.of(oms().order(id).orElseThrow(() -> new ApiException(404, "UNKNOWN_ORDER",
                "no order with client order id " + clientOrderId, "clientOrderId"))));
    }

    @GET
    @Path("{orderId}/events")
    public String events(@PathParam("orderId") String orderId) {
        OrderId id = Params.orderId(orderId);
        find(id);
        return Json.write(oms().events(id).stream().map(EventView::of).toList());
    }

    @GET
    @Path("{orderId}/fills")
    public String fills(@PathParam("orderId") String orderId) {
        OrderId id = Params.orderId(orderId);
        find(id);
        return Json.write(oms().fills(id));
    }

    @POST
    @Path("{orderId}/amend")
    public Response amend(@PathParam("orderId") String orderId, @HeaderParam("Content-Type") String contentType,
            InputStream body) {
        OrderId id = Params.orderId(orderId);
        OrderBodies.Amend amend = Json.readBody(contentType, body, OrderBodies.Amend.class);
        if (amend.quantity() == null && amend.price() == null) {
            throw new ApiException(400, "NOTHING_TO_AMEND", "give a new quantity, a new price or both", null);
        }
        Quantity quantity = amend.quantity() == null ? null : quantity("quantity", amend.quantity());
        return commandResponse(oms().amend(id, quantity, price("price", amend.price())));
    }

    @DELETE
    @Path("{orderId}")
    public Response cancel(@PathParam("orderId") String orderId) {
        return commandResponse(oms().cancel(Params.orderId(orderId)));
    }

    @POST
    @Path("cancel-all")
    public String cancelAll(@HeaderParam("Content-Type") String contentType, InputStream body) {
        OrderBodies.CancelAll which = Json.readBody(contentType, body, OrderBodies.CancelAll.class);
        String portfolio = Params.blankToNull(which.portfolio());
        String symbol = Params.blankToNull(which.symbol());
        OrderService oms = oms();
        List<String> canceled = new ArrayList<>();
        List<ApiError> refused = new ArrayList<>();
        for (Order order : oms.orders()) {
            if (order.status().isTerminal()
                    || portfolio != null && !order.portfolioId().value().equals(portfolio)
                    || symbol != null && !order.instrumentId().value().equals(symbol)) {
                continue;
            }
            CommandResult result = oms.cancel(order.id());
            if (result.accepted()) {
                canceled.add(order.id().toString());
            } else {
                refused.add(new ApiError(statusOf(result.code()), result.code(), result.message(), null,
                        order.id().toString()));
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("canceled", canceled);
        answer.put("refused", refused);
        return Json.write(answer);
    }

    private Response commandResponse(CommandResult result) {
        if (!result.accepted()) {
            throw new ApiException(new ApiError(statusOf(result.code()), result.code(), result.message(), null,
                    result.order() == null ? null : result.order().id().toString()));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("code", result.code());
        answer.put("message", result.message());
        answer.put("order", result.order() == null ? null : OrderView.of(result.order()));
        return Response.ok(Json.write(answer), Json.MEDIA_TYPE).build();
    }

    static int statusOf(String code) {
        return switch (code) {
            case "UNKNOWN_ORDER" -> 404;
            case "ORDER_TERMINAL", "CANCEL_PENDING", "AMEND_PENDING" -> 409;
            case "VENUE_ERROR", "VENUE_GONE" -> 502;
            default -> 422;
        };
    }

    private Order find(OrderId id) {
        return oms().order(id).orElseThrow(() -> new ApiException(404, "UNKNOWN_ORDER", "no order " + id, "orderId"));
    }

    private OrderService oms() {
        OrderService oms = orders;
        if (oms == null) {
            throw new OrderServiceUnavailableException("the OMS is not running on this node or in the cluster");
        }
        return oms;
    }

    /** One step of an order's history. */
    record EventView(long sequence, String type, Instant timestamp, String reason, Object fill, OrderView order) {
        static EventView of(OrderEvent event) {
            return new EventView(event.sequence(), event.type().name(), event.timestamp(), event.reason(), event.fill(),
                    OrderView.of(event.order()));
        }
    }
}
