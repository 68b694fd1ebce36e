package org.nautilus.strategy.internal.run;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.Instrument;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Position;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.MarketDataService;
import org.nautilus.api.marketdata.Quote;
import org.nautilus.api.oms.CommandResult;
import org.nautilus.api.oms.OrderService;
import org.nautilus.api.portfolio.PositionService;
import org.nautilus.api.research.FactorService;
import org.nautilus.api.research.FactorValue;
import org.nautilus.api.research.signal.Signal;
import org.nautilus.api.research.signal.SignalBatch;
import org.nautilus.api.strategy.Strategy;
import org.nautilus.api.strategy.StrategyContext;
import org.nautilus.api.strategy.StrategyHandler;
import org.nautilus.api.strategy.StrategyParameters;
import org.nautilus.api.time.PlatformClock;
import org.nautilus.api.time.ScheduledTask;

/**
 * One strategy run's {@link StrategyContext}, the same class live and in a backtest: only the services behind it
 * differ (the OSGi services live; the cores wired on a simulated clock in a backtest). It also delivers the run's
 * events (market data, factor values, model signals, timers, its orders) to its handler, on the thread of the
 * run's {@link PlatformClock}, and stops the run when the handler throws.
 *
 * <p>Not thread-safe: everything runs on the clock's thread (live) or the backtest's loop.
 */
public final class RunContext implements StrategyContext {

    private final RunConfig config;
    private final OrderService orders;
    private final MarketDataService market;
    private final PositionService positions;
    private final Supplier<Optional<FactorService>> factors;
    private final PlatformClock clock;
    private final String idPrefix;
    private final boolean backtest;
    /** Called after each delivery: a backtest hands the run the order events its orders caused meanwhile. */
    private final Runnable afterDelivery;
    private final Consumer<Throwable> onFailure;
    /** Whether {@link #signals} batches come: live always, a backtest when it scores models. */
    private final boolean signalsDelivered;

    private final Set<OrderId> own = new HashSet<>();
    private final Map<OrderId, Order> open = new LinkedHashMap<>();
    private final Map<String, ScheduledTask> timers = new HashMap<>();
    private final Set<String> signalModels;
    private final boolean signalShadow;
    private StrategyHandler handler;
    private long nextId;
    private boolean active;
    /** Written by the run's thread only, read by any (nautilus:strategies). */
    private volatile long events;
    private long submitted;
    private long fills;

    /**
     * @param idPrefix      the start of the run's client order ids (unique per run live, fixed in a backtest)
     * @param afterDelivery run after each delivery to the handler
     * @param onFailure     told when the handler throws (the run then receives nothing more)
     */
    public RunContext(RunConfig config, OrderService orders, MarketDataService market, PositionService positions,
            Supplier<Optional<FactorService>> factors, PlatformClock clock, String idPrefix, boolean backtest,
            Runnable afterDelivery, Consumer<Throwable> onFailure) {
        this(config, orders, market, positions, factors, clock, idPrefix, backtest, afterDelivery, onFailure,
                !backtest);
    }

    /** @param signalsDelivered whether model signal batches will be handed to {@link #signals} */
    public RunContext(RunConfig config, OrderService orders, MarketDataService market, PositionService positions,
            Supplier<Optional<FactorService>> factors, PlatformClock clock, String idPrefix, boolean backtest,
            Runnable afterDelivery, Consumer<Throwable> onFailure, boolean signalsDelivered) {
        this.config = Objects.requireNonNull(config, "config");
        this.orders = Objects.requireNonNull(orders, "orders");
        this.market = Objects.requireNonNull(market, "market");
        this.positions = Objects.requireNonNull(positions, "positions");
        this.factors = Objects.requireNonNull(factors, "factors");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.idPrefix = Objects.requireNonNull(idPrefix, "idPrefix");
        this.backtest = backtest;
        this.afterDelivery = afterDelivery;
        this.onFailure = onFailure;
        this.signalsDelivered = signalsDelivered;
        this.signalModels = config.signalModels();
        this.signalShadow = config.signalShadow();
    }

    // ---------------------------------------------------------------- lifecycle (the runner's side)

    /** Starts the run: asks the strategy for its handler. A refusal (bad parameters) propagates. */
    public void start(Strategy strategy) {
        handler = Objects.requireNonNull(strategy.start(this), "the strategy returned no handler");
        active = true;
    }

    /** {@code true} while the run receives events. */
    public boolean active() {
        return active;
    }

    /**
     * Ends the run: the handler's {@link StrategyHandler#onStop}, then its open orders are canceled and, with
     * {@code flatten}, its positions closed with market orders.
     */
    public void stop(boolean flatten) {
        if (active) {
            deliver(StrategyHandler::onStop);
        }
        active = false;
        timers.values().forEach(ScheduledTask::cancel);
        timers.clear();
        for (Order order : new ArrayList<>(open.values())) {
            orders.cancel(order.id());
        }
        if (flatten) {
            for (InstrumentId instrument : config.instruments()) {
                Quantity held = position(instrument).quantity();
                if (!held.isZero()) {
                    send(OrderRequest.market(nextClientOrderId(), config.portfolio(), instrument,
                            held.isPositive() ? Side.SELL : Side.BUY, held.abs()));
                }
            }
        }
        if (afterDelivery != null) {
            afterDelivery.run();
        }
    }

    /** Delivers one market data, factor or timer event; counted. */
    public void deliverEvent(Consumer<StrategyHandler> call) {
        if (active) {
            deliver(call);
            // Counted once handled: whoever reads the count sees what the handler did (its orders sent).
            events++;
        }
    }

    /**
     * A model's signal batch (the serving thread handed it to the run's thread): delivered, cut to the run's
     * instruments, if the run subscribes to the model, it is not a shadow batch the run did not ask for, and it has
     * a signal of the run's instruments. Counted as an event.
     */
    public void signals(SignalBatch batch) {
        if (!active || !subscribes(batch)) {
            return;
        }
        List<Signal> mine = batch.signals().stream().filter(s -> config.instruments().contains(s.instrument()))
                .toList();
        if (mine.isEmpty()) {
            return;
        }
        SignalBatch delivered = mine.size() == batch.signals().size() ? batch
                : new SignalBatch(batch.model(), batch.version(), batch.alias(), batch.shadow(), batch.time(), mine);
        deliverEvent(h -> h.onSignals(delivered));
    }

    /** {@code true} if a batch of this model and kind is one the run asked for. */
    public boolean subscribes(SignalBatch batch) {
        return signalModels.contains(batch.model()) && (!batch.shadow() || signalShadow);
    }

    /** An order of the run's portfolio changed: the run hears of it if it is one of its own. */
    public void orderChanged(Order order) {
        if (!own.contains(order.id())) {
            return;
        }
        if (order.status().isTerminal()) {
            open.remove(order.id());
        } else {
            open.put(order.id(), order);
        }
        if (active) {
            deliver(h -> h.onOrder(order));
        }
    }

    /** A fill of the run's portfolio: the run hears of it if the order is its own. */
    public void filled(Fill fill) {
        if (!own.contains(fill.orderId())) {
            return;
        }
        fills++;
        if (active) {
            deliver(h -> h.onFill(fill));
        }
    }

    public long events() {
        return events;
    }

    public long submitted() {
        return submitted;
    }

    public long fills() {
        return fills;
    }

    public RunConfig config() {
        return config;
    }

    private void deliver(Consumer<StrategyHandler> call) {
        try {
            call.accept(handler);
        } catch (RuntimeException | Error e) {
            active = false;
            timers.values().forEach(ScheduledTask::cancel);
            timers.clear();
            onFailure.accept(e);
            return;
        }
        if (afterDelivery != null) {
            afterDelivery.run();
        }
    }

    // ---------------------------------------------------------------- StrategyContext

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public PortfolioId portfolio() {
        return config.portfolio();
    }

    @Override
    public Set<InstrumentId> instruments() {
        return config.instruments();
    }

    @Override
    public VenueId venue() {
        return config.venue();
    }

    @Override
    public StrategyParameters parameters() {
        return config.parameters();
    }

    @Override
    public Instant now() {
        return clock.now();
    }

    @Override
    public boolean backtest() {
        return backtest;
    }

    /** Live runs are handed the serving side's batches; a backtest when it scores the models (see the interface). */
    @Override
    public boolean signalsDelivered() {
        return signalsDelivered;
    }

    @Override
    public ClientOrderId nextClientOrderId() {
        return ClientOrderId.of(idPrefix + "-" + ++nextId);
    }

    @Override
    public Order submit(OrderRequest request) {
        if (!request.portfolioId().equals(config.portfolio())) {
            throw new IllegalArgumentException("strategy " + name() + " trades for portfolio " + config.portfolio()
                    + ", not " + request.portfolioId());
        }
        if (!config.instruments().contains(request.instrumentId())) {
            throw new IllegalArgumentException("strategy " + name() + " trades " + config.instruments() + ", not "
                    + request.instrumentId());
        }
        if (!active) {
            throw new IllegalStateException("strategy " + name() + " is not running: no orders");
        }
        return send(request);
    }

    private Order send(OrderRequest request) {
        OrderRequest routed = request.venueId() == null && config.venue() != null ? request.withVenue(config.venue())
                : request;
        Order order = orders.submit(routed);
        submitted++;
        own.add(order.id());
        if (!order.status().isTerminal()) {
            open.put(order.id(), order);
        }
        return order;
    }

    @Override
    public Order market(InstrumentId instrument, Quantity signedQuantity) {
        return submit(OrderRequest.market(nextClientOrderId(), config.portfolio(), instrument, side(signedQuantity),
                signedQuantity.abs()));
    }

    @Override
    public Order limit(InstrumentId instrument, Quantity signedQuantity, Price price) {
        return submit(OrderRequest.limit(nextClientOrderId(), config.portfolio(), instrument, side(signedQuantity),
                signedQuantity.abs(), price));
    }

    private static Side side(Quantity signed) {
        if (signed.isZero()) {
            throw new IllegalArgumentException("an order needs a non-zero quantity");
        }
        return signed.isPositive() ? Side.BUY : Side.SELL;
    }

    @Override
    public CommandResult cancel(OrderId orderId) {
        if (!own.contains(orderId)) {
            throw new IllegalArgumentException("order " + orderId + " is not one of strategy " + name() + "'s");
        }
        return orders.cancel(orderId);
    }

    @Override
    public CommandResult amend(OrderId orderId, Quantity quantity, Price price) {
        if (!own.contains(orderId)) {
            throw new IllegalArgumentException("order " + orderId + " is not one of strategy " + name() + "'s");
        }
        return orders.amend(orderId, quantity, price);
    }

    @Override
    public List<Order> openOrders() {
        return List.copyOf(open.values());
    }

    @Override
    public Position position(InstrumentId instrument) {
        return positions.position(config.portfolio(), instrument)
                .orElseGet(() -> Position.flat(config.portfolio(), instrument, now()));
    }

    @Override
    public Optional<Instrument> instrument(InstrumentId instrument) {
        return market.instrument(instrument);
    }

    @Override
    public Optional<Quote> lastQuote(InstrumentId instrument) {
        return market.lastQuote(instrument);
    }

    @Override
    public Optional<Price> mark(InstrumentId instrument) {
        return market.mark(instrument);
    }

    @Override
    public List<Bar> bars(InstrumentId instrument, int limit) {
        Instant now = now();
        return market.bars(instrument, limit).stream().filter(b -> !b.end().isAfter(now)).toList();
    }

    @Override
    public Optional<FactorValue> factor(String factor, InstrumentId instrument) {
        Instant now = now();
        return factors.get().flatMap(f -> f.latest(factor, instrument)).filter(v -> !v.asOf().isAfter(now));
    }

    @Override
    public void schedule(String name, Instant at) {
        if (at.isBefore(now())) {
            throw new IllegalArgumentException("timer " + name + ": " + at + " is in the past (now " + now() + ")");
        }
        cancelTimer(name);
        ScheduledTask[] self = new ScheduledTask[1];
        self[0] = clock.schedule(at, () -> {
            timers.remove(name, self[0]);
            deliverEvent(h -> h.onTimer(name, at));
        });
        timers.put(name, self[0]);
    }

    @Override
    public void every(String name, Duration period) {
        cancelTimer(name);
        timers.put(name, clock.every(period, () -> deliverEvent(h -> h.onTimer(name, now()))));
    }

    @Override
    public void cancelTimer(String name) {
        ScheduledTask task = timers.remove(name);
        if (task != null) {
            task.cancel();
        }
    }
}
