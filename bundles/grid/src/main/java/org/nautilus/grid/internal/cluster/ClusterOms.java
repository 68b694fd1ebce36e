package org.nautilus.grid.internal.cluster;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;
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
import org.nautilus.api.venue.ReconciliationReport;
import org.nautilus.api.venue.RoutingDecision;
import org.nautilus.api.venue.VenueInfo;
import org.nautilus.api.venue.VenueService;

/**
 * The OrderService and VenueService every node offers its clients, for as long as the node runs: the local OMS
 * while this node holds the leadership, the leader's through {@link RemoteOms} otherwise. Clients bind it once and
 * keep it when the OMS moves; a call that meets the move fails with the retryable
 * {@link org.nautilus.api.oms.OrderServiceUnavailableException}. Plain Java.
 */
final class ClusterOms implements OrderService, VenueService {

    private final BooleanSupplier leader;
    private final LocalOms local;
    private final RemoteOms remote;

    ClusterOms(BooleanSupplier leader, LocalOms local, RemoteOms remote) {
        this.leader = leader;
        this.local = local;
        this.remote = remote;
    }

    private OrderService oms() {
        return leader.getAsBoolean() ? local.orders() : remote;
    }

    private VenueService engine() {
        return leader.getAsBoolean() ? local.venues() : remote;
    }

    @Override
    public Order submit(OrderRequest request) {
        return oms().submit(request);
    }

    /** The local OMS's own asynchronous submit on the leader; a forwarded, synchronous one elsewhere. */
    @Override
    public CompletionStage<Order> submitAsync(OrderRequest request) {
        try {
            return oms().submitAsync(request);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public List<Order> submit(OrderList list) {
        return oms().submit(list);
    }

    @Override
    public CommandResult amend(OrderId orderId, Quantity quantity, Price price) {
        return oms().amend(orderId, quantity, price);
    }

    @Override
    public CommandResult cancel(OrderId orderId) {
        return oms().cancel(orderId);
    }

    @Override
    public Optional<Order> order(OrderId orderId) {
        return oms().order(orderId);
    }

    @Override
    public Optional<Order> order(ClientOrderId clientOrderId) {
        return oms().order(clientOrderId);
    }

    @Override
    public List<Order> orders() {
        return oms().orders();
    }

    @Override
    public List<Fill> fills(OrderId orderId) {
        return oms().fills(orderId);
    }

    @Override
    public List<OrderEvent> events(OrderId orderId) {
        return oms().events(orderId);
    }

    @Override
    public List<VenueInfo> venues() {
        return engine().venues();
    }

    @Override
    public List<RoutingDecision> decisions(int limit) {
        return engine().decisions(limit);
    }

    @Override
    public Optional<RoutingDecision> decision(OrderId orderId) {
        return engine().decision(orderId);
    }

    @Override
    public List<ReconciliationReport> reconciliations() {
        return engine().reconciliations();
    }

    @Override
    public CommandResult acknowledge(VenueId venue, String by) {
        return engine().acknowledge(venue, by);
    }

    @Override
    public CommandResult reconcile(VenueId venue) {
        return engine().reconcile(venue);
    }
}
