package org.nautilus.routes.internal.component;

import java.util.function.Supplier;
import org.nautilus.api.audit.AuditService;
import org.nautilus.api.marketdata.MarketDataService;
import org.nautilus.api.oms.OrderEventSubscriber;
import org.nautilus.api.oms.OrderService;
import org.nautilus.api.research.signal.SignalListener;
import org.nautilus.api.research.tracking.TrainingService;
import org.nautilus.api.strategy.BacktestService;
import org.nautilus.api.strategy.StrategyService;

/**
 * The platform services the Camel components talk to; absent ones give a clear error when used, and the way a
 * {@code from: nautilus:oms} consumer subscribes to the OMS's committed order events.
 */
public final class Gateways {

    /** Registers a subscriber to the OMS's committed order events; closing the result unregisters it. */
    @FunctionalInterface
    public interface Subscriptions {
        AutoCloseable subscribe(OrderEventSubscriber subscriber, String name, int queueSize);
    }

    /** Registers a signal listener ({@code from: nautilus:signals}); closing the result unregisters it. */
    @FunctionalInterface
    public interface SignalSubscriptions {
        AutoCloseable subscribe(SignalListener listener, String model, boolean shadow);
    }

    private static final SignalSubscriptions NO_SIGNALS = (listener, model, shadow) -> {
        throw new IllegalStateException("signals are not available here: no signal source is wired");
    };

    private static final Subscriptions NONE = (subscriber, name, queueSize) -> {
        throw new IllegalStateException("order events are not available here: no OMS event source is wired");
    };

    private final Supplier<MarketDataService> marketData;
    private final Supplier<OrderService> orders;
    private final Subscriptions subscriptions;
    private final SignalSubscriptions signalSubscriptions;
    private final Supplier<AuditService> audit;
    private final Supplier<TrainingService> training;
    private final Supplier<StrategyService> strategies;
    private final Supplier<BacktestService> backtests;

    public Gateways(Supplier<MarketDataService> marketData) {
        this(marketData, () -> null, NONE);
    }

    public Gateways(Supplier<MarketDataService> marketData, Supplier<OrderService> orders,
            Subscriptions subscriptions) {
        this(marketData, orders, subscriptions, NO_SIGNALS);
    }

    public Gateways(Supplier<MarketDataService> marketData, Supplier<OrderService> orders,
            Subscriptions subscriptions, SignalSubscriptions signalSubscriptions) {
        this(marketData, orders, subscriptions, signalSubscriptions, () -> null, () -> null, () -> null, () -> null);
    }

    private Gateways(Supplier<MarketDataService> marketData, Supplier<OrderService> orders,
            Subscriptions subscriptions, SignalSubscriptions signalSubscriptions,
            Supplier<AuditService> audit, Supplier<TrainingService> training, Supplier<StrategyService> strategies,
            Supplier<BacktestService> backtests) {
        this.marketData = marketData;
        this.orders = orders;
        this.subscriptions = subscriptions;
        this.signalSubscriptions = signalSubscriptions;
        this.audit = audit;
        this.training = training;
        this.strategies = strategies;
        this.backtests = backtests;
    }

    /** The same gateways, with the audit journal that records what routes do (channel ROUTE). */
    public Gateways withAudit(Supplier<AuditService> journal) {
        return new Gateways(marketData, orders, subscriptions, signalSubscriptions, journal, training, strategies,
                backtests);
    }

    /** The same gateways, with the model training service ({@code to: nautilus:train}). */
    public Gateways withTraining(Supplier<TrainingService> service) {
        return new Gateways(marketData, orders, subscriptions, signalSubscriptions, audit, service, strategies,
                backtests);
    }

    /** The same gateways, with the live strategies ({@code to: nautilus:strategy}). */
    public Gateways withStrategies(Supplier<StrategyService> service) {
        return new Gateways(marketData, orders, subscriptions, signalSubscriptions, audit, training, service,
                backtests);
    }

    /** The same gateways, with the backtest service ({@code to: nautilus:backtest}). */
    public Gateways withBacktests(Supplier<BacktestService> service) {
        return new Gateways(marketData, orders, subscriptions, signalSubscriptions, audit, training, strategies,
                service);
    }

    public BacktestService backtests() {
        BacktestService service = backtests.get();
        if (service == null) {
            throw new IllegalStateException("backtests are not available: is the bundle nautilus-strategy active?");
        }
        return service;
    }

    public StrategyService strategies() {
        StrategyService service = strategies.get();
        if (service == null) {
            throw new IllegalStateException("live strategies are not available: is the bundle nautilus-strategy "
                    + "active?");
        }
        return service;
    }

    public TrainingService training() {
        TrainingService service = training.get();
        if (service == null) {
            throw new IllegalStateException("model training is not available: is the bundle nautilus-research active?");
        }
        return service;
    }

    /** The audit journal, or {@code null} while none is registered (routes then act unrecorded, and say so). */
    public AuditService auditOrNull() {
        return audit.get();
    }

    /** Subscribes a route to model signals ({@code model} null: every model). */
    public AutoCloseable subscribeSignals(SignalListener listener, String model, boolean shadow) {
        return signalSubscriptions.subscribe(listener, model, shadow);
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

    /** Subscribes a consumer to the OMS's committed order events. */
    public AutoCloseable subscribe(OrderEventSubscriber subscriber, String name, int queueSize) {
        return subscriptions.subscribe(subscriber, name, queueSize);
    }
}
