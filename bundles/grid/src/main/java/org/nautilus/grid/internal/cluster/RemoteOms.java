package org.nautilus.grid.internal.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.oms.CommandResult;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.oms.OrderList;
import org.nautilus.api.oms.OrderService;
import org.nautilus.api.oms.OrderServiceUnavailableException;
import org.nautilus.api.venue.ReconciliationReport;
import org.nautilus.api.venue.RoutingDecision;
import org.nautilus.api.venue.VenueInfo;
import org.nautilus.api.venue.VenueService;

/**
 * The OMS on a node that does not run it: every call goes to the node that does (the cluster singleton). If that
 * node cannot be reached or dies during the call, the call fails with the retryable
 * {@link OrderServiceUnavailableException}: a submit retried with the same client order id is applied at most
 * once, whether the first attempt was applied or not. Plain Java over a transport.
 */
final class RemoteOms implements OrderService, VenueService {

    private final Supplier<OmsClusterEndpoint> endpoint;

    /** @param endpoint the leader's endpoint (a fresh Ignite service proxy, say); may throw when unreachable */
    RemoteOms(Supplier<OmsClusterEndpoint> endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public Order submit(OrderRequest request) {
        return Payloads.read(call("submit", request), Order.class);
    }

    @Override
    public List<Order> submit(OrderList list) {
        return Payloads.readList(call("submitList", list).toString(), Order.class);
    }

    @Override
    public CommandResult amend(OrderId orderId, Quantity quantity, Price price) {
        return Payloads.read(call("amend", orderId, quantity, price), CommandResult.class);
    }

    @Override
    public CommandResult cancel(OrderId orderId) {
        return Payloads.read(call("cancel", orderId), CommandResult.class);
    }

    @Override
    public Optional<Order> order(OrderId orderId) {
        return Optional.ofNullable(Payloads.read(call("order", orderId), Order.class));
    }

    @Override
    public Optional<Order> order(ClientOrderId clientOrderId) {
        return Optional.ofNullable(Payloads.read(call("orderByClientId", clientOrderId), Order.class));
    }

    @Override
    public List<Order> orders() {
        return Payloads.readList(call("orders").toString(), Order.class);
    }

    @Override
    public List<Fill> fills(OrderId orderId) {
        return Payloads.readList(call("fills", orderId).toString(), Fill.class);
    }

    @Override
    public List<OrderEvent> events(OrderId orderId) {
        return Payloads.readList(call("events", orderId).toString(), OrderEvent.class);
    }

    @Override
    public List<VenueInfo> venues() {
        return Payloads.readList(call("venues").toString(), VenueInfo.class);
    }

    @Override
    public List<RoutingDecision> decisions(int limit) {
        return Payloads.readList(call("decisions", limit).toString(), RoutingDecision.class);
    }

    @Override
    public Optional<RoutingDecision> decision(OrderId orderId) {
        return Optional.ofNullable(Payloads.read(call("decision", orderId), RoutingDecision.class));
    }

    @Override
    public List<ReconciliationReport> reconciliations() {
        return Payloads.readList(call("reconciliations").toString(), ReconciliationReport.class);
    }

    @Override
    public CommandResult acknowledge(VenueId venue, String by) {
        return Payloads.read(call("acknowledge", venue, by), CommandResult.class);
    }

    @Override
    public CommandResult reconcile(VenueId venue) {
        return Payloads.read(call("reconcile", venue), CommandResult.class);
    }

    private JsonNode call(String method, Object... args) {
        String answer;
        try {
            answer = endpoint.get().call(method, Payloads.args(args));
        } catch (RuntimeException e) {
            // The leader died during the call or the leadership is moving: the outcome is unknown, a retry is safe.
            throw new OrderServiceUnavailableException("the node running the OMS did not answer (" + e.getMessage()
                    + "); it may be moving to another node: retry", e);
        }
        JsonNode tree = Payloads.tree(answer);
        JsonNode error = tree.get("error");
        if (error != null) {
            String message = tree.path("message").asText();
            switch (error.asText()) {
                case OmsDispatcher.INVALID -> throw new IllegalArgumentException(message);
                case OmsDispatcher.UNAVAILABLE -> throw new OrderServiceUnavailableException(message);
                default -> throw new IllegalStateException("the OMS failed: " + message);
            }
        }
        return tree.get("result");
    }
}
