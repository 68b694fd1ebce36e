package org.nautilus.routes.internal.component;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.nautilus.api.marketdata.MarketDataService;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.oms.OrderEventListener;
import org.nautilus.api.oms.OrderService;

/**
 * The platform services the Camel components talk to; absent ones give a clear error when used. It is also the
 * OMS event listener of the runtime: it hands every order event to the {@code from: nautilus:oms} consumers.
 */
public final class Gateways implements OrderEventListener {

    private final Supplier<MarketDataService> marketData;
    private final Supplier<OrderService> orders;
    private final List<Consumer<OrderEvent>> orderEventSinks = new CopyOnWriteArrayList<>();

    public Gateways(Supplier<MarketDataService> marketData) {
        this(marketData, () -> null);
    }

    public Gateways(Supplier<MarketDataService> marketData, Supplier<OrderService> orders) {
        this.marketData = marketData;
        this.orders = orders;
    }

    /** The gateway, or {@code null} while none is registered. */
    public MarketDataService marketDataOrNull() {
        return marketData.get();
    }

    public MarketDataService marketData() {
        MarketDataService service = marketData.get();
        if (service == null) {
            throw new IllegalStateException(
                    "the market data gateway is not available: is the bundle nautilus-marketdata active?");
        }
        return service;
    }

    public OrderService orders() {
        OrderService service = orders.get();
        if (service == null) {
            throw new IllegalStateException("the order service is not available: is the bundle nautilus-oms active?");
        }
        return service;
    }

    /** Called by the OMS on its writer thread: sinks only queue the event. */
    @Override
    public void onEvent(OrderEvent event) {
        for (Consumer<OrderEvent> sink : orderEventSinks) {
            sink.accept(event);
        }
    }

    public void addOrderEventSink(Consumer<OrderEvent> sink) {
        orderEventSinks.add(sink);
    }

    public void removeOrderEventSink(Consumer<OrderEvent> sink) {
        orderEventSinks.remove(sink);
    }
}
