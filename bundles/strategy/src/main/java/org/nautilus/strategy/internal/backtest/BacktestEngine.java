package org.nautilus.strategy.internal.backtest;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.FixedPoint;
import org.nautilus.api.domain.Instrument;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.marketdata.Quote;
import org.nautilus.api.marketdata.Trade;
import org.nautilus.api.oms.OrderStepListener;
import org.nautilus.api.research.FactorService;
import org.nautilus.api.research.FactorSession;
import org.nautilus.api.research.FactorValue;
import org.nautilus.api.research.FittedModel;
import org.nautilus.api.research.signal.Signal;
import org.nautilus.api.research.signal.SignalBatch;
import org.nautilus.api.research.store.FactorStore;
import org.nautilus.api.research.tracking.ModelRegistry;
import org.nautilus.api.research.tracking.RegisteredModel;
import org.nautilus.api.risk.RiskRule;
import org.nautilus.api.routes.MarketDataFiles;
import org.nautilus.api.strategy.BacktestSpec;
import org.nautilus.api.strategy.PerformanceMetrics;
import org.nautilus.api.strategy.Strategy;
import org.nautilus.api.time.SimulatedPlatformClock;
import org.nautilus.api.venue.FeeSchedule;
import org.nautilus.oms.internal.core.OrderListeners;
import org.nautilus.oms.internal.core.OrderManager;
import org.nautilus.oms.internal.expiry.OrderExpiry;
import org.nautilus.oms.internal.expiry.SessionCalendar;
import org.nautilus.portfolio.internal.core.PositionKeeper;
import org.nautilus.risk.internal.engine.EngineConfig;
import org.nautilus.risk.internal.engine.RiskEngine;
import org.nautilus.risk.internal.engine.RuleChain;
import org.nautilus.risk.rule.duplicateorder.internal.DuplicateOrderRule;
import org.nautilus.risk.rule.killswitch.internal.KillSwitch;
import org.nautilus.risk.rule.maxdailyloss.internal.MaxDailyLossRule;
import org.nautilus.risk.rule.maxleverage.internal.MaxLeverageRule;
import org.nautilus.risk.rule.maxnotional.internal.MaxNotionalRule;
import org.nautilus.risk.rule.maxorderquantity.internal.MaxOrderQuantityRule;
import org.nautilus.risk.rule.maxposition.internal.MaxPositionRule;
import org.nautilus.risk.rule.orderrate.internal.OrderRateRule;
import org.nautilus.risk.rule.pricecollar.internal.PriceCollarRule;
import org.nautilus.risk.rule.reduceonly.internal.ReduceOnlyRule;
import org.nautilus.risk.rule.selftrade.internal.SelfTradeRule;
import org.nautilus.risk.rule.symbolallowlist.internal.SymbolAllowlistRule;
import org.nautilus.strategy.internal.analytics.Benchmark;
import org.nautilus.strategy.internal.analytics.EquityPoint;
import org.nautilus.strategy.internal.analytics.Performance;
import org.nautilus.strategy.internal.analytics.RoundTrips;
import org.nautilus.strategy.internal.run.RunConfig;
import org.nautilus.strategy.internal.run.RunContext;
import org.nautilus.venue.simulated.internal.BarQuotes;
import org.nautilus.venue.simulated.internal.SimulatedExchange;
import org.nautilus.venue.simulated.internal.VenueConfig;
import org.nautilus.venue.simulated.internal.matching.SelfMatchPolicy;

/**
 * One backtest: the platform's own OMS ({@link OrderManager}, smart order router), risk core with the built-in
 * pre-trade rules, simulated exchange (matching engine) and position keeper, wired in one process on a
 * {@link SimulatedPlatformClock}, with one strategy run in a {@link RunContext} (the class live runs use), fed the
 * spec's data files (and stored bars and factor values from the factor store, {@link StoreData}) merged in time
 * order.
 *
 * <p>The loop, for each data step at time t: the clock moves to t (running what was due: orders delayed by the
 * latency, timers); the step reaches the market (a bar at its end, never before) and, as a quote, the simulated
 * exchange, whose fills of resting orders reach the OMS, the position keeper and then the strategy; then the
 * strategy gets the step itself, and whatever it sends goes through the OMS and risk at t. Everything runs on the
 * caller's thread except the OMS partition's own hand-offs, which {@link OrderManager#sync()} waits for after each
 * step: the same inputs give the same orders, fills and equity, byte for byte.
 *
 * <p>Execution model (see {@link BacktestSpec.Execution}): each bar or trade price becomes the simulated exchange's
 * quote, {@code slippage.bps} either side and sized {@code participation} × the volume (an instrument with quotes in
 * the data is quoted by them instead); the matching engine fills against it (market orders pay the half-spread,
 * limit orders rest and fill when a later quote reaches them, at their price), maker/taker fees from the venue's
 * schedule. With queue position the data's trades reach the venue too and fill resting orders at their price once
 * the queue ahead is gone. New orders, amends and cancels reach the venue after their own latencies. DAY and GTD
 * orders expire through the OMS's own {@link OrderExpiry} on the simulated clock.
 */
public final class BacktestEngine {

    /** The one venue of a backtest. */
    static final VenueId VENUE = VenueId.of("SIM");
    /** How often (simulated time) the venue expires GTD orders: they may expire up to this late. */
    static final Duration EXPIRY_CHECK = Duration.ofMinutes(1);

    private final BacktestSpec spec;
    private final Strategy strategy;
    private final MarketDataFiles files;
    private final Path home;
    private final boolean keepRecords;
    private final Research research;

    /**
     * The platform's research services a backtest computes factors and scores models with, and the factor store it
     * may read bars and factor values from; any may be {@code null} (absent): then the strategy reads no factor,
     * receives no model signals, and a spec naming the store is refused.
     */
    public record Research(FactorService factors, ModelRegistry models, FactorStore store) {
        public static final Research NONE = new Research(null, null, null);

        /** Without the factor store. */
        public Research(FactorService factors, ModelRegistry models) {
            this(factors, models, null);
        }
    }

    /** Without factors or models (see {@link Research}). */
    public BacktestEngine(BacktestSpec spec, Strategy strategy, MarketDataFiles files, Path home, boolean keepRecords) {
        this(spec, strategy, files, home, keepRecords, Research.NONE);
    }

    /**
     * @param home        where relative data paths start (the Karaf home, or the working directory)
     * @param keepRecords keep every order and fill for the result (a benchmark turns it off)
     * @param research    the factor service and model registry to compute factors and signals with
     */
    public BacktestEngine(BacktestSpec spec, Strategy strategy, MarketDataFiles files, Path home, boolean keepRecords,
            Research research) {
        this.spec = spec;
        this.strategy = strategy;
        this.files = files;
        this.home = home;
        this.keepRecords = keepRecords;
        this.research = research == null ? Research.NONE : research;
    }

    /** What a run produced. */
    public record Outcome(List<Order> orders, List<Fill> fills, List<EquityPoint> equity, long events,
            long submitted, long fillCount, Instant dataFrom, Instant dataTo, PerformanceMetrics metrics,
            String failure, List<RoundTrips.Trip> trips, Benchmark.BetaAlpha benchmark) {
    }

    /**
     * Runs to the end of the data (or {@code to}).
     *
     * @throws IllegalArgumentException for a missing file, data out of time order or parameters the strategy refuses
     */
    public Outcome run(Consumer<String> progress) throws IOException {
        List<MarketDataFiles.Reader> readers = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try {
            for (int i = 0; i < spec.data().size(); i++) {
                BacktestSpec.DataFile file = spec.data().get(i);
                if (file.fromStore()) {
                    readers.add(StoreData.bars(store("data." + (i + 1) + ".store"), file.symbol(),
                            series("data." + (i + 1) + ".store", file.path()), spec.to()));
                    names.add("the factor store's " + file.path() + " bars of " + file.symbol());
                    continue;
                }
                Path path = home.resolve(file.path());
                try {
                    readers.add(files.open(path, file.format(), file.symbol(), file.interval()));
                } catch (NoSuchFileException e) {
                    throw new IllegalArgumentException(
                            "data file " + file.path() + " not found (looked at " + path + ")", e);
                }
                names.add(file.path());
            }
            if (!spec.storeFactors().isEmpty()) {
                readers.add(StoreData.factorValues(store("store.factors"), spec.storeFactors(), spec.instruments(),
                        spec.to()));
                names.add("the factor store's values of " + spec.storeFactors());
            }
            try (MergedFeed feed = new MergedFeed(readers, names)) {
                DataEvent first = feed.next();
                if (first == null) {
                    throw new IllegalArgumentException("the data files hold no events");
                }
                try (Loop loop = new Loop(first.time())) {
                    return loop.run(first, feed, progress);
                }
            }
        } finally {
            for (MarketDataFiles.Reader reader : readers) {
                reader.close();
            }
        }
    }

    /** The factor store a spec's {@code setting} names, refused if none runs. */
    private FactorStore store(String setting) {
        if (research.store() == null) {
            throw new IllegalArgumentException(setting + " reads the factor store, and none is running here "
                    + "(install the research feature; a headless backtest has none)");
        }
        return research.store();
    }

    private static BarSpec series(String setting, String text) {
        try {
            return BarSpec.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + ": " + e.getMessage(), e);
        }
    }

    /** The wired engine and the loop's state. */
    private final class Loop implements AutoCloseable {
        final SimulatedPlatformClock clock;
        final BacktestMarket market = new BacktestMarket();
        final PositionKeeper keeper = new PositionKeeper(new EngineServices.MemoryPositionStore());
        final RiskEngine risk;
        final SimulatedExchange venue;
        final OrderManager oms;
        final OrderExpiry expiry;
        final RunContext run;
        final RunConfig config;
        /** Factors over the backtest's own bars (the platform's definitions and kernels), or null. */
        final FactorSession factors;
        /** The store's values of {@code store.factors} released so far, or null without any. */
        final ReleasedFactors stored;
        /** The models whose signals the strategy asked for, loaded once; empty when none is scored. */
        final List<ScoredModel> models;
        /** Closes of the strategy's instruments at {@link #pendingTime} whose signals are not scored yet. */
        final Map<InstrumentId, BarSpec> pending = new LinkedHashMap<>();
        Instant pendingTime;
        /** What the OMS step told us, handed to the run after each step (see {@link #flush}). */
        final ConcurrentLinkedQueue<Object> stepEvents = new ConcurrentLinkedQueue<>();
        final Map<OrderId, Order> orders = new LinkedHashMap<>();
        /** Instruments the data quotes: their trades do not make the venue's quote. */
        final Set<InstrumentId> quoted = new HashSet<>();
        final List<Fill> fills = new ArrayList<>();
        final List<EquityPoint> curve = new ArrayList<>();
        final RoundTrips trips = new RoundTrips(keepRecords);
        /** The run's {@code benchmark} instrument (a run setting), or null; its price at each point of the curve. */
        final InstrumentId benchmark;
        final List<Double> benchmarkPrices = new ArrayList<>();
        final long cash;
        final BarQuotes barQuotes;
        /** The size-dependent slippage of {@code sqrt-impact}, or null. */
        final SquareRootImpact impact;
        final Price tickSize;
        final Quantity lotSize;
        final long tick;
        final long lot;
        final long equityIntervalNanos;
        double tradedNotional;
        double commissions;
        long fillCount;
        boolean flushing;
        /** The venue answered since the last flush: the OMS may have queued work for its partition's own thread. */
        volatile boolean venueReported;
        String failure;

        Loop(Instant start) {
            clock = new SimulatedPlatformClock(start);
            config = RunConfig.of(spec.strategy(), spec.parameters(), spec.instruments());
            String benchmarkSymbol = config.parameters().text("benchmark", null);
            benchmark = benchmarkSymbol == null ? null : InstrumentId.of(benchmarkSymbol);
            if (benchmark != null && !spec.instruments().contains(benchmark)) {
                throw new IllegalArgumentException("benchmark " + benchmark + " is not in the data; its instruments: "
                        + spec.instruments().stream().map(InstrumentId::value).sorted().toList());
            }
            BacktestSpec.Execution execution = spec.execution();
            cash = FixedPoint.fromBigDecimal(spec.initialCash());
            BacktestSpec.Slippage slippage = execution.slippage();
            barQuotes = slippage.model() == BacktestSpec.Slippage.Model.TICKS
                    ? BarQuotes.inTicks(slippage.ticks(), execution.participation())
                    : new BarQuotes(execution.slippageBps(), execution.participation());
            impact = slippage.model() == BacktestSpec.Slippage.Model.SQRT_IMPACT
                    ? new SquareRootImpact(slippage.impactK().doubleValue(), slippage.impactWindow())
                    : null;
            tickSize = Price.of(config.parameters().text("tick.size", "0.01"));
            lotSize = Quantity.of(config.parameters().text("lot.size", "1"));
            tick = tickSize.raw();
            lot = lotSize.raw();
            equityIntervalNanos = spec.equityInterval().toNanos();
            for (InstrumentId id : spec.instruments()) {
                market.define(new Instrument(id, config.parameters().text("currency", "USD"), new Price(tick),
                        new Quantity(lot), new Quantity(lot), Quantity.ofWhole(1_000_000_000), Quantity.ofWhole(1)));
            }
            EngineServices.Positions positions = new EngineServices.Positions(keeper, market::mark);
            risk = new RiskEngine(new RuleChain(), market, positions, clock.clock(), EngineConfig.of(
                    spec.initialCash().toPlainString(), "UTC", "00:00", "0.95", 250, 20, 86_400_000L, 1 << 16, 1000,
                    Map.of()));
            for (RiskRule rule : rules()) {
                risk.chain().add(rule, null, 0);
            }
            venue = new SimulatedExchange(new VenueConfig(VENUE, new FeeSchedule(execution.makerFeeBps(),
                    execution.takerFeeBps(), execution.feePerShare(), execution.feeMinimum()),
                    execution.latency(), BigDecimal.ONE, 1, 1, new Price(tick), SelfMatchPolicy.CANCEL_TAKER,
                    execution.amendLatency(), execution.cancelLatency(), execution.queuePosition()),
                    clock, EXPIRY_CHECK, market, impact);
            OrderListeners listeners = new OrderListeners();
            listeners.add(new OrderStepListener() {
                @Override
                public void onOrder(Order order) {
                    risk.onOrder(order);
                    stepEvents.add(order);
                }

                @Override
                public void onFill(Fill fill) {
                    keeper.apply(fill);
                    risk.onFill(fill);
                    stepEvents.add(fill);
                }
            });
            oms = OrderManager.builder(market::instrument, new EngineServices.Risk(risk)).clock(clock.clock())
                    .listeners(listeners).partitions(1).retainedOrders(10_000).retainedHistory(100).build();
            oms.venueAdded(VENUE, new ReportingVenue(venue, () -> venueReported = true));
            // DAY orders expire at the session close of the simulated clock, GTD orders at their time: the OMS's own
            // expiry, on this clock (the calendar from the run's session.* settings, else New York equities).
            expiry = new OrderExpiry(clock, calendar(), oms::expire);
            listeners.add(expiry);
            expiry.start();
            factors = session(research.factors());
            models = factors == null ? List.of() : models(research.models());
            stored = spec.storeFactors().isEmpty() ? null : new ReleasedFactors(spec.storeFactors(), factors);
            FactorService read = stored != null ? stored : factors;
            run = new RunContext(config, new EngineServices.Orders(oms), market, positions,
                    () -> Optional.ofNullable(read), clock, config.name(), true, this::flush,
                    e -> failure = describe(e), !models.isEmpty());
        }

        /**
         * The session calendar of the run's {@code session.zone}, {@code session.open}, {@code session.close},
         * {@code session.weekend} and {@code session.holidays} settings ({@link SessionCalendar#parse}).
         *
         * @throws IllegalArgumentException naming the setting it cannot read
         */
        private SessionCalendar calendar() {
            Map<String, String> sessions = new TreeMap<>();
            config.parameters().values().forEach((k, v) -> {
                if (k.startsWith("session.")) {
                    sessions.put(k, v);
                }
            });
            return SessionCalendar.parse(sessions);
        }

        private FactorSession session(FactorService service) {
            if (service == null) {
                return null;
            }
            try {
                return service.session();
            } catch (UnsupportedOperationException e) {
                return null;
            }
        }

        /**
         * The registered version of each model {@code signals.model} names, under {@code signals.alias} (default
         * champion): none without a registry (the run then says it receives no signals, and the strategy decides).
         *
         * @throws IllegalArgumentException for a model or alias the registry does not have, naming what it has
         */
        private List<ScoredModel> models(ModelRegistry registry) {
            if (registry == null || config.signalModels().isEmpty()) {
                return List.of();
            }
            String alias = config.parameters().text("signals.alias", RegisteredModel.CHAMPION);
            List<ScoredModel> loaded = new ArrayList<>();
            for (String name : config.signalModels()) {
                RegisteredModel model = registry.model(name).orElseThrow(() -> new IllegalArgumentException(
                        Strategy.SIGNALS_MODEL_PARAMETER + " = " + name + ": no such registered model; registered: "
                                + registry.models().stream().map(RegisteredModel::name).sorted().toList()));
                Integer version = model.aliases().get(alias);
                if (version == null) {
                    throw new IllegalArgumentException("model " + name + " has no version under alias '" + alias
                            + "' (signals.alias); its aliases: " + new TreeMap<>(model.aliases()));
                }
                loaded.add(new ScoredModel(name, alias, version, registry.load(name, version)));
            }
            return List.copyOf(loaded);
        }

        /**
         * Scores every model on the closes of {@link #pendingTime} whose features are all there (as the serving side
         * does live) and hands each batch to the strategy.
         */
        private void scorePending() {
            if (pending.isEmpty()) {
                return;
            }
            Instant end = pendingTime;
            for (ScoredModel model : models) {
                List<InstrumentId> scored = new ArrayList<>();
                List<double[]> rows = new ArrayList<>();
                for (Map.Entry<InstrumentId, BarSpec> close : pending.entrySet()) {
                    double[] row = row(model.fitted().features(), close.getKey(), close.getValue(), end);
                    if (row != null) {
                        scored.add(close.getKey());
                        rows.add(row);
                    }
                }
                if (scored.isEmpty()) {
                    continue;
                }
                double[] predictions = model.fitted().predict(rows.toArray(new double[0][]));
                List<Signal> signals = new ArrayList<>(scored.size());
                for (int i = 0; i < scored.size(); i++) {
                    signals.add(new Signal(scored.get(i), model.name(), model.version(), model.alias(), predictions[i],
                            end));
                }
                run.signals(new SignalBatch(model.name(), model.version(), model.alias(), false, end, signals));
            }
            pending.clear();
            pendingTime = null;
        }

        /** The features of one close, or null if one is missing (not computed at that close, or not a number). */
        private double[] row(List<String> features, InstrumentId instrument, BarSpec bars, Instant end) {
            double[] row = new double[features.size()];
            for (int f = 0; f < row.length; f++) {
                Optional<FactorValue> value = factors.latest(features.get(f), instrument, bars);
                if (value.isEmpty() || !value.get().asOf().equals(end) || !Double.isFinite(value.get().value())) {
                    return null;
                }
                row[f] = value.get().value();
            }
            return row;
        }

        /** The built-in rules with the spec's limits (defaults wide enough for an account of the initial cash). */
        private RiskRule[] rules() {
            Map<String, String> r = spec.risk();
            String symbols = String.join(",", spec.instruments().stream().map(InstrumentId::value).sorted().toList());
            return new RiskRule[] {
                    new KillSwitch(clock.clock()),
                    new SymbolAllowlistRule(SymbolAllowlistRule.Limits.of(symbols, Map.of())),
                    new MaxOrderQuantityRule(
                            MaxOrderQuantityRule.Limits.of(r.getOrDefault("max.quantity", "100000000"), Map.of())),
                    new MaxNotionalRule(MaxNotionalRule.Limits.of(r.getOrDefault("max.notional",
                            spec.initialCash().multiply(BigDecimal.TEN).toPlainString()), Map.of())),
                    new PriceCollarRule(PriceCollarRule.Limits.of(r.getOrDefault("max.deviation.percent", "20"))),
                    new ReduceOnlyRule(),
                    new DuplicateOrderRule(DuplicateOrderRule.Limits.of(1000)),
                    new SelfTradeRule(SelfTradeRule.Limits.of("portfolio")),
                    new MaxPositionRule(
                            MaxPositionRule.Limits.of(r.getOrDefault("max.position", "1000000000"), Map.of())),
                    new MaxDailyLossRule(MaxDailyLossRule.Limits.of(r.getOrDefault("max.loss",
                            spec.initialCash().toPlainString()), Map.of())),
                    new MaxLeverageRule(MaxLeverageRule.Limits.of(r.getOrDefault("max.leverage", "10"), Map.of())),
                    new OrderRateRule(
                            OrderRateRule.Limits.of(Integer.parseInt(r.getOrDefault("max.orders", "1000000000")),
                                    1000, Map.of())),
            };
        }

        Outcome run(DataEvent first, MergedFeed feed, Consumer<String> progress) {
            if (!config.signalModels().isEmpty() && models.isEmpty()) {
                // Said once, up front: the run's context answers signalsDelivered() = false, the strategy chooses.
                progress.accept("note: a backtest scores no model without the platform's model registry and factor "
                        + "service: " + Strategy.SIGNALS_MODEL_PARAMETER + " = "
                        + String.join(",", config.signalModels()) + " delivers no signals here");
            } else {
                for (ScoredModel model : models) {
                    progress.accept("signals: model " + model.name() + " version " + model.version() + " ("
                            + model.alias() + "), " + model.fitted().features().size() + " features");
                }
            }
            run.start(strategy);
            Instant from = spec.from();
            Instant to = spec.to();
            curve.add(point(first.time()));
            Instant last = first.time();
            // The time of the last step that moved a mark (a bar's open only feeds the book): the curve's points are
            // taken there, so a day with no close (a weekend) adds no flat point.
            Instant lastMark = null;
            long events = 0;
            long nextReport = 100_000;
            for (DataEvent e = first; e != null && failure == null; e = feed.next()) {
                if (to != null && e.time().isAfter(to)) {
                    break;
                }
                if (pendingTime != null && e.time().isAfter(pendingTime)) {
                    // Every close of that time is in: its signals, before anything later happens.
                    scorePending();
                }
                boolean marks = e.kind() != DataEvent.Kind.BAR_OPEN && e.kind() != DataEvent.Kind.FACTOR;
                if (marks && lastMark != null && bucket(e.time()) != bucket(lastMark)) {
                    // The first mark of a new period: the curve's point for the last one, as it ended.
                    sample(lastMark);
                }
                step(e, from == null || !e.time().isBefore(from));
                last = e.time();
                if (marks) {
                    lastMark = last;
                }
                events++;
                if (events == nextReport) {
                    progress.accept(String.format("%,d events, at %s, equity %.2f", events, last,
                            equity().equity()));
                    nextReport *= 2;
                }
            }
            if (failure == null) {
                scorePending();
                run.stop(config.flattenOnStop());
            }
            flush();
            sample(last);
            PerformanceMetrics metrics = Performance.of(curve, spec.periodsPerYear(), tradedNotional,
                    trips.pnl(), commissions);
            return new Outcome(List.copyOf(orders.values()), List.copyOf(fills), List.copyOf(curve), events,
                    run.submitted(), fillCount, first.time(), last, metrics, failure, trips.trips(), betaAlpha());
        }

        /** One data step at its time: the clock, the market, the venue, then the strategy. */
        private void step(DataEvent e, boolean deliver) {
            clock.advanceTo(e.time());
            flush();
            boolean ours = config.instruments().contains(e.instrument());
            switch (e.kind()) {
                case BAR_OPEN -> {
                    Bar bar = (Bar) e.payload();
                    toVenue(quoteAround(bar.instrumentId(), bar.open(), bar.volume(), e.time()));
                }
                case BAR -> {
                    Bar bar = (Bar) e.payload();
                    trips.mark(bar.instrumentId().value(), toDouble(bar.low().raw()),
                            toDouble(bar.high().raw()));
                    market.publish(bar);
                    if (impact != null) {
                        impact.onBar(bar);
                    }
                    toVenue(quoteAround(bar.instrumentId(), bar.close(), bar.volume(), e.time()));
                    if (factors != null) {
                        BarSpec spec = BarSpec.time(bar.interval());
                        factors.onBar(spec, bar);
                        if (ours && !models.isEmpty()) {
                            pending.put(bar.instrumentId(), spec);
                            pendingTime = bar.end();
                        }
                    }
                    if (deliver && ours) {
                        run.deliverEvent(h -> h.onBar(bar));
                    }
                }
                case TRADE -> {
                    Trade trade = (Trade) e.payload();
                    double traded = toDouble(trade.price().raw());
                    trips.mark(trade.instrumentId().value(), traded, traded);
                    market.publish(trade);
                    // The trade first (with queue position it fills resting orders beyond their queue), then, for an
                    // instrument without quotes in the data, the venue's quote around it (with quotes, they make
                    // the book).
                    venue.onTrade(trade);
                    if (quoted.contains(trade.instrumentId())) {
                        clock.runDue();
                        flush();
                    } else {
                        toVenue(quoteAround(trade.instrumentId(), trade.price(), trade.size(), e.time()));
                    }
                    if (deliver && ours) {
                        run.deliverEvent(h -> h.onTrade(trade));
                    }
                }
                case FACTOR -> {
                    FactorValue value = (FactorValue) e.payload();
                    stored.release(value);
                    if (deliver && ours) {
                        run.deliverEvent(h -> h.onFactor(value));
                    }
                }
                case QUOTE -> {
                    Quote quote = (Quote) e.payload();
                    double mid = toDouble(quote.mid().raw());
                    trips.mark(quote.instrumentId().value(), mid, mid);
                    market.mark(quote.instrumentId(), quote.mid());
                    quoted.add(quote.instrumentId());
                    toVenue(quote);
                    if (deliver && ours) {
                        run.deliverEvent(h -> h.onQuote(quote));
                    }
                }
            }
        }

        /** The quote reaches the market and the exchange's book; fills of resting orders follow at once. */
        private void toVenue(Quote quote) {
            market.publish(quote);
            venue.onQuote(quote);
            clock.runDue();
            flush();
        }

        /** The venue's quote around a data price (see {@link BarQuotes}: the live venue quotes replayed bars alike). */
        private Quote quoteAround(InstrumentId id, Price price, Quantity volume, Instant time) {
            return barQuotes.around(id, price, volume, tickSize, lotSize, time);
        }

        /** Hands the run what the OMS steps produced since the last flush, until none is left. */
        private void flush() {
            if (flushing) {
                return;
            }
            flushing = true;
            try {
                sync();
                Object next;
                while ((next = stepEvents.poll()) != null) {
                    if (next instanceof Order order) {
                        if (keepRecords) {
                            orders.put(order.id(), order);
                        }
                        run.orderChanged(order);
                    } else {
                        Fill fill = (Fill) next;
                        record(fill);
                        run.filled(fill);
                    }
                    sync();
                }
            } finally {
                flushing = false;
            }
        }

        /**
         * Waits for the OMS partition's hand-offs, when there can be any: a venue report outside an OMS command (a quote
         * filling a resting order) is queued for the partition's thread. Without one, everything already ran on this
         * thread, inside the command.
         */
        private void sync() {
            if (venueReported) {
                venueReported = false;
                oms.sync();
            }
        }

        private void record(Fill fill) {
            fillCount++;
            if (keepRecords) {
                fills.add(fill);
            }
            double price = toDouble(fill.price().raw());
            double quantity = toDouble(fill.signedQuantity().raw());
            double commission = toDouble(fill.commission().raw());
            tradedNotional += Math.abs(quantity * price);
            commissions += commission;
            trips.fill(fill.instrumentId().value(), fill.timestamp(), quantity, price, commission);
        }

        /** Beta and alpha to the benchmark over the points where it had a price, or null without a benchmark. */
        private Benchmark.BetaAlpha betaAlpha() {
            if (benchmark == null) {
                return null;
            }
            return Benchmark.of(curve.stream().mapToDouble(EquityPoint::equity).toArray(),
                    benchmarkPrices.stream().mapToDouble(Double::doubleValue).toArray(), spec.periodsPerYear());
        }

        /** A point of the equity curve (replacing one at the same time: the start, before anything traded). */
        private void sample(Instant at) {
            risk.refresh();
            if (curve.get(curve.size() - 1).time().equals(at)) {
                curve.remove(curve.size() - 1);
                benchmarkPrices.remove(benchmarkPrices.size() - 1);
            }
            curve.add(point(at));
        }

        private EquityPoint point(Instant at) {
            benchmarkPrices.add(benchmark == null ? Double.NaN
                    : market.mark(benchmark).map(p -> p.toBigDecimal().doubleValue()).orElse(Double.NaN));
            EquityPoint now = equity();
            return new EquityPoint(at, now.equity(), now.gross(), now.net());
        }

        /** Cash + realized − commissions + unrealized at the marks, from the position keeper. */
        private EquityPoint equity() {
            return EquityPoint.of(clock.now(), cash, keeper.positions(config.portfolio()), market::mark);
        }

        /** The equity period a time falls in (periods start at the epoch: daily ones at UTC midnight). */
        private long bucket(Instant t) {
            return EquityPoint.period(t, equityIntervalNanos);
        }

        @Override
        public void close() {
            expiry.close();
            oms.close();
            venue.close();
            clock.close();
        }
    }

    /** A model version the run scores. */
    private record ScoredModel(String name, String alias, int version, FittedModel fitted) {
    }

    /** See {@link EquityPoint#toDouble}. */
    private static double toDouble(long raw) {
        return EquityPoint.toDouble(raw);
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
