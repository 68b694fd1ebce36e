package org.nautilus.strategy.internal.live;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.marketdata.MarketDataListener;
import org.nautilus.api.marketdata.MarketDataService;
import org.nautilus.api.marketdata.Quote;
import org.nautilus.api.marketdata.Subscription;
import org.nautilus.api.marketdata.Trade;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.oms.OrderEventType;
import org.nautilus.api.oms.OrderService;
import org.nautilus.api.portfolio.PositionService;
import org.nautilus.api.research.FactorService;
import org.nautilus.api.research.signal.SignalBatch;
import org.nautilus.api.strategy.Strategy;
import org.nautilus.api.strategy.StrategyInfo;
import org.nautilus.api.strategy.StrategyParameters;
import org.nautilus.api.strategy.StrategyState;
import org.nautilus.api.time.LivePlatformClock;
import org.nautilus.strategy.internal.run.RunConfig;
import org.nautilus.strategy.internal.run.RunContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One registered strategy in the running platform: its plugin, its configuration and, while it runs, a
 * {@link RunContext} on a thread of its own (a {@link LivePlatformClock}) to which market data, model signals, order
 * events and timers are handed, so its handler is called one event at a time, in arrival order.
 */
final class LiveStrategy {

    private static final Logger LOG = LoggerFactory.getLogger(LiveStrategy.class);
    /** Service properties that are the framework's, not the strategy's configuration. */
    private static final Set<String> FRAMEWORK = Set.of("objectClass", "service.id", "service.bundleid",
            "service.scope", "service.pid", "component.id", "component.name", "felix.fileinstall.filename",
            Strategy.NAME_PROPERTY);

    final String name;
    final Strategy strategy;
    private final Map<String, String> parameters;
    private StrategyState state = StrategyState.STOPPED;
    private Instant since;
    private String lastError;
    private LivePlatformClock clock;
    private RunContext run;
    private Subscription ticks;
    private Subscription bars;

    LiveStrategy(String name, Strategy strategy, Map<String, ?> properties) {
        this.name = name;
        this.strategy = strategy;
        Map<String, String> values = new HashMap<>();
        properties.forEach((k, v) -> {
            if (!FRAMEWORK.contains(k) && v != null) {
                values.put(k, String.valueOf(v));
            }
        });
        this.parameters = Map.copyOf(values);
    }

    boolean autostart() {
        return StrategyParameters.of(parameters).flag("autostart", false);
    }

    /** Starts it: the handler is created on the strategy's thread, then data flows. */
    synchronized StrategyInfo start(OrderService orders, MarketDataService market, PositionService positions,
            Supplier<Optional<FactorService>> factors) {
        if (state == StrategyState.RUNNING) {
            return info();
        }
        closeRun();
        RunConfig config;
        BarSpec onlyBars;
        RunContext context;
        try {
            config = RunConfig.of(name, parameters, Set.of());
            String barSpec = config.parameters().text("bar.spec", null);
            onlyBars = barSpec == null ? null : BarSpec.parse(barSpec);
            clock = new LivePlatformClock("nautilus-strategy-" + name, this::fail);
            // Client order ids must not repeat across runs: the OMS is idempotent on them.
            String prefix = name + "-" + Long.toString(clock.now().toEpochMilli(), 36);
            context = new RunContext(config, orders, market, positions, factors, clock, prefix, false, null,
                    this::fail);
            await(clock, () -> context.start(strategy));
        } catch (RuntimeException e) {
            // Refused (bad configuration): FAILED with the reason, its thread gone.
            closeRun();
            state = StrategyState.FAILED;
            lastError = e.getMessage();
            since = Instant.now();
            throw e;
        }
        run = context;
        MarketDataListener listener = new MarketDataListener() {
            @Override
            public void onQuote(Quote quote) {
                clock.execute(() -> context.deliverEvent(h -> h.onQuote(quote)));
            }

            @Override
            public void onTrade(Trade trade) {
                clock.execute(() -> context.deliverEvent(h -> h.onTrade(trade)));
            }

            @Override
            public void onBar(BarSpec spec, Bar bar) {
                if (onlyBars == null || onlyBars.equals(spec)) {
                    clock.execute(() -> context.deliverEvent(h -> h.onBar(bar)));
                }
            }

            @Override
            public void onBar(Bar bar) {
                // Quotes and trades come from the first subscription; bars from the one of every spec.
            }
        };
        ticks = market.subscribe(config.instruments(), listener);
        bars = market.subscribeAllBars(config.instruments(), listener);
        state = StrategyState.RUNNING;
        since = clock.now();
        lastError = null;
        LOG.info("strategy {} started: portfolio {}, instruments {}{}", name, config.portfolio(), config.instruments(),
                config.signalModels().isEmpty() ? "" : ", signals of " + config.signalModels());
        return info();
    }

    /** Stops it: its handler's onStop, its open orders canceled, with {@code flatten} its positions closed. */
    synchronized StrategyInfo stop(boolean flatten) {
        if (run != null && state == StrategyState.RUNNING) {
            closeSubscriptions();
            RunContext context = run;
            await(clock, () -> context.stop(flatten));
            state = StrategyState.STOPPED;
            since = clock.now();
            LOG.info("strategy {} stopped{}", name, flatten ? " and flattened" : "");
        }
        closeRun();
        return info();
    }

    /** An order event of the strategy's portfolio: to its thread. */
    void onEvent(OrderEvent event) {
        toRunThread(context -> event.portfolioId().equals(context.portfolio()), context -> {
            context.orderChanged(event.order());
            if (event.type() == OrderEventType.FILL) {
                context.filled(event.fill());
            }
        });
    }

    /** A model's signal batch (the serving thread): to the strategy's thread, if it subscribes to that model. */
    void onSignals(SignalBatch batch) {
        toRunThread(context -> context.subscribes(batch), context -> context.signals(batch));
    }

    /** Hands {@code work} to the current run's thread if there is a run and it {@code wants} it; the caller returns. */
    private void toRunThread(Predicate<RunContext> wants, Consumer<RunContext> work) {
        LivePlatformClock c;
        RunContext context;
        synchronized (this) {
            c = clock;
            context = run;
        }
        if (c != null && context != null && wants.test(context)) {
            c.execute(() -> work.accept(context));
        }
    }

    synchronized StrategyInfo info() {
        RunContext context = run;
        RunConfig config = context != null ? context.config() : configOrNull();
        return new StrategyInfo(name, strategy.description(), state, config == null ? null : config.portfolio(),
                config == null ? Set.<InstrumentId> of() : config.instruments(), StrategyParameters.of(parameters),
                context == null ? 0 : context.events(), context == null ? 0 : context.submitted(),
                context == null ? 0 : context.fills(), since, lastError);
    }

    private RunConfig configOrNull() {
        try {
            return RunConfig.of(name, parameters, Set.of());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void fail(Throwable e) {
        LOG.error("strategy {} failed and stopped: {}", name, e.toString(), e);
        synchronized (this) {
            state = StrategyState.FAILED;
            lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
            since = Instant.now();
        }
        closeSubscriptions();
    }

    private synchronized void closeSubscriptions() {
        if (ticks != null) {
            ticks.close();
            ticks = null;
        }
        if (bars != null) {
            bars.close();
            bars = null;
        }
    }

    /** Ends the run's thread and data; the run itself stays, so its counts show until the next start. */
    private synchronized void closeRun() {
        closeSubscriptions();
        if (clock != null) {
            clock.close();
            clock = null;
        }
    }

    /** Runs {@code work} on the strategy's thread and waits for it; its exception is the caller's. */
    private static void await(LivePlatformClock clock, Runnable work) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        clock.execute(() -> {
            try {
                work.run();
                done.complete(null);
            } catch (RuntimeException | Error e) {
                done.completeExceptionally(e);
            }
        });
        try {
            done.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the strategy's thread did not answer within 30 s", e);
        }
    }
}
