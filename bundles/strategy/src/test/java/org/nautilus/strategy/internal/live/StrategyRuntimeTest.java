package org.nautilus.strategy.internal.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.Instrument;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.marketdata.Quote;
import org.nautilus.api.oms.OrderStepListener;
import org.nautilus.api.research.FactorValue;
import org.nautilus.api.research.FittedModel;
import org.nautilus.api.research.LabelledMatrix;
import org.nautilus.api.research.signal.Signal;
import org.nautilus.api.research.signal.SignalBatch;
import org.nautilus.api.research.signal.SignalListener;
import org.nautilus.api.research.tracking.ModelVersion;
import org.nautilus.api.research.tracking.RegisteredModel;
import org.nautilus.api.strategy.Strategy;
import org.nautilus.api.strategy.StrategyInfo;
import org.nautilus.api.strategy.StrategyState;
import org.nautilus.marketdata.internal.MarketDataGateway;
import org.nautilus.model.weka.linear.internal.WekaRidge;
import org.nautilus.oms.internal.core.OrderListeners;
import org.nautilus.oms.internal.core.OrderManager;
import org.nautilus.portfolio.internal.core.PositionKeeper;
import org.nautilus.research.internal.serving.SignalServer;
import org.nautilus.risk.internal.engine.EngineConfig;
import org.nautilus.risk.internal.engine.RiskEngine;
import org.nautilus.risk.internal.engine.RuleChain;
import org.nautilus.risk.rule.killswitch.internal.KillSwitch;
import org.nautilus.strategy.crosssectional.internal.CrossSectionalStrategy;
import org.nautilus.strategy.internal.backtest.EngineServices;
import org.nautilus.strategy.macross.internal.MaCrossStrategy;
import org.nautilus.testsupport.Await;
import org.nautilus.testsupport.MutableClock;
import org.nautilus.venue.simulated.internal.MarketAccess;
import org.nautilus.venue.simulated.internal.SimulatedExchange;
import org.nautilus.venue.simulated.internal.VenueConfig;

/**
 * The live runtime with the platform's real cores on live threads: the market data gateway (1 s bars from quotes),
 * the OMS with its partition thread and its durable-event subscribers, the risk core, a simulated exchange on its
 * matching thread and the position keeper. The MA crossover plugin trades, then its removal stops it cleanly; the
 * cross-sectional plugin trades a served model's signals.
 */
class StrategyRuntimeTest {

    private static final InstrumentId AAPL = InstrumentId.of("AAPL");
    private static final PortfolioId PORTFOLIO = PortfolioId.of("live-ma");

    /** The feed's time: moved by the test, so the gateway closes a 1 s bar per quote. */
    private final MutableClock clock = new MutableClock(Instant.parse("2024-03-01T14:30:00Z"));
    private final MarketDataGateway market = new MarketDataGateway(clock, Duration.ofSeconds(1), 1000, 4096);
    private final PositionKeeper keeper = new PositionKeeper(new EngineServices.MemoryPositionStore());
    private final EngineServices.Positions positions = new EngineServices.Positions(keeper, market::mark);
    private final RiskEngine risk = new RiskEngine(new RuleChain(), market, positions, clock, EngineConfig.defaults());
    private final SimulatedExchange venue = new SimulatedExchange(VenueConfig.defaults("SIM"), clock,
            new MarketAccess() {
                @Override
                public Optional<Instrument> instrument(InstrumentId id) {
                    return market.instrument(id);
                }

                @Override
                public Optional<Quote> lastQuote(InstrumentId id) {
                    return market.lastQuote(id);
                }
            });
    private OrderManager oms;

    @AfterEach
    void close() {
        if (oms != null) {
            oms.close();
        }
        venue.close();
        market.close();
    }

    /** The OMS (two partitions, the kill switch, the position keeper), the venue, and the runtime subscribed. */
    private StrategyRuntimeComponent startPlatform() {
        risk.chain().add(new KillSwitch(clock), null, 0);
        OrderListeners listeners = new OrderListeners();
        listeners.add(new OrderStepListener() {
            @Override
            public void onOrder(Order order) {
                risk.onOrder(order);
            }

            @Override
            public void onFill(Fill fill) {
                keeper.apply(fill);
                risk.onFill(fill);
            }
        });
        oms = OrderManager.builder(market::instrument, new EngineServices.Risk(risk)).clock(clock).listeners(listeners)
                .partitions(2).build();
        oms.venueAdded(venue.id(), venue);
        StrategyRuntimeComponent runtime = new StrategyRuntimeComponent(new EngineServices.Orders(oms), market,
                positions);
        oms.subscribe(runtime, "strategies", 10_000);
        return runtime;
    }

    @Test
    void aRegisteredStrategyTradesThroughTheOmsAndItsRemovalCancelsAndFlattens() throws Exception {
        market.define(Instrument.equity("AAPL", "USD"));
        StrategyRuntimeComponent runtime = startPlatform();

        Map<String, Object> properties = new HashMap<>(Map.of(Strategy.NAME_PROPERTY, "ma-cross",
                "component.id", 7L, "portfolio", "live-ma", "instruments", "AAPL", "venue", "SIM"));
        properties.putAll(Map.of("autostart", "true", "flatten.on.stop", "true", "fast", "2", "slow", "4",
                "rsi.max", "101", "quantity", "10"));
        MaCrossStrategy strategy = new MaCrossStrategy();
        runtime.bindStrategy(strategy, properties);
        assertThat(runtime.strategy("ma-cross")).get().extracting(StrategyInfo::state).isEqualTo(StrategyState.RUNNING);

        // A random walk of quotes, one a second: the gateway closes a bar per second and the strategy trades its
        // crossings; the venue's market maker quotes the same prices.
        SplittableRandom random = new SplittableRandom(42);
        long mid = Price.ofWhole(190).raw();
        long tick = Price.of("0.01").raw();
        for (int i = 0; i < 200 && runtime.strategy("ma-cross").orElseThrow().fills() < 4; i++) {
            clock.advance(Duration.ofSeconds(1));
            mid += (random.nextInt(41) - 20) * tick;
            Quote quote = new Quote(AAPL, new Price(mid - tick), Quantity.ofWhole(500), new Price(mid + tick),
                    Quantity.ofWhole(500), clock.instant());
            market.publish(quote);
            venue.onQuote(quote);
            market.flush();
            Thread.sleep(20); // the feed's pace: the strategy's thread and the OMS's run meanwhile
        }
        StrategyInfo trading = runtime.strategy("ma-cross").orElseThrow();
        assertThat(trading.state()).isEqualTo(StrategyState.RUNNING);
        assertThat(trading.fills()).isGreaterThanOrEqualTo(4);
        assertThat(trading.events()).isPositive();
        assertThat(oms.orders()).filteredOn(o -> o.portfolioId().equals(PORTFOLIO)).isNotEmpty()
                .allSatisfy(o -> assertThat(o.clientOrderId().value()).startsWith("ma-cross-"));

        // Stopped, it keeps its counts; started again, it trades on.
        StrategyInfo stopped = runtime.stop("ma-cross", false);
        assertThat(stopped.state()).isEqualTo(StrategyState.STOPPED);
        assertThat(stopped.fills()).isGreaterThanOrEqualTo(trading.fills());
        assertThat(runtime.start("ma-cross").state()).isEqualTo(StrategyState.RUNNING);

        // Removed (its bundle stopped): stopped, nothing left working, its position closed through the OMS.
        runtime.unbindStrategy(strategy, properties);
        assertThat(runtime.strategies()).isEmpty();
        oms.sync();
        assertThat(oms.orders()).filteredOn(o -> o.portfolioId().equals(PORTFOLIO) && o.status().isOpen()).isEmpty();
        assertThat(keeper.position(PORTFOLIO, AAPL)).get().matches(p -> p.isFlat(), "flat");
        assertThatThrownBy(() -> runtime.start("ma-cross")).hasMessageContaining("unknown strategy 'ma-cross'");

        // A configuration the strategy refuses: FAILED with the reason in nautilus:strategies, nothing started.
        Map<String, Object> bad = new HashMap<>(properties);
        bad.put("fast", "9");
        bad.put("slow", "3");
        runtime.bindStrategy(strategy, bad);
        StrategyInfo refused = runtime.strategy("ma-cross").orElseThrow();
        assertThat(refused.state()).isEqualTo(StrategyState.FAILED);
        assertThat(refused.lastError()).contains("need 1 <= fast < slow");
        runtime.unbindStrategy(strategy, bad);
    }

    /**
     * The closed loop: a Weka ridge model fitted for real (champion: the score is the feature; challenger: its
     * opposite), served by the real {@link SignalServer}, whose batches reach the runtime through its
     * {@link SignalListener} side (as the serving component publishes them) and the cross-sectional plugin's
     * thread, which ranks them into orders through the OMS: long the best, short the worst, the second rebalance
     * held to the turnover limit, the challenger's shadow batches never trading.
     */
    @Test
    void modelSignalsBecomeOrdersThroughTheCrossSectionalStrategy() throws Exception {
        InstrumentId msft = InstrumentId.of("MSFT");
        InstrumentId ibm = InstrumentId.of("IBM");
        StrategyRuntimeComponent runtime = threeStocks();

        // The registry: model "alpha", version 1 (champion) predicts +MOM, version 2 (challenger) -MOM.
        BarSpec second = BarSpec.time(Duration.ofSeconds(1));
        Map<Integer, FittedModel> fitted = Map.of(1, ridge(1), 2, ridge(-1));
        List<ModelVersion> versions = List.of(version(1), version(2));
        Map<InstrumentId, FactorValue> features = new ConcurrentHashMap<>();
        List<SignalBatch> published = new CopyOnWriteArrayList<>();
        SignalServer server = new SignalServer(new SignalServer.Platform() {
            @Override
            public List<RegisteredModel> models() {
                return List.of(new RegisteredModel("alpha", versions,
                        Map.of(RegisteredModel.CHAMPION, 1, RegisteredModel.CHALLENGER, 2)));
            }

            @Override
            public FittedModel load(String model, int version) {
                return fitted.get(version);
            }

            @Override
            public boolean deployed(String family) {
                return family.equals("weka-ridge");
            }

            @Override
            public String interval(ModelVersion version) {
                return "PT1S";
            }

            @Override
            public Optional<FactorValue> feature(String factor, InstrumentId instrument, BarSpec bars) {
                return Optional.ofNullable(features.get(instrument)).filter(v -> v.factor().equals(factor));
            }
        }, List.of(RegisteredModel.CHAMPION, RegisteredModel.CHALLENGER), batch -> {
            published.add(batch);
            runtime.onSignals(batch); // what ServingComponent does for each SignalListener service
        });
        try {
            server.refresh();
            PortfolioId book = startCrossSectional(runtime);

            // Close 1: AAPL scores best, MSFT worst: long 131 AAPL (25,000 / 190), short 62 MSFT (25,000 / 400).
            close(server, features, second, Map.of(AAPL, 0.03, msft, -0.02, ibm, 0.0));
            awaitPosition(book, AAPL, 131);
            awaitPosition(book, msft, -62);
            assertThat(keeper.position(book, ibm)).matches(p -> p.isEmpty() || p.get().isFlat(), "IBM flat");
            assertThat(published).filteredOn(b -> !b.shadow()).flatMap(SignalBatch::signals)
                    .anySatisfy(sig -> {
                        assertThat(sig.instrument()).isEqualTo(AAPL);
                        assertThat(sig.value()).isCloseTo(0.03, within(1e-6));
                    });

            // Close 2, reversed: the targets flip (MSFT long, AAPL short), a 99,380 move; max.turnover = 1 over
            // 50,000 of capital scales every trade by the same factor (0.503...): AAPL sells 131, MSFT buys 62.
            close(server, features, second, Map.of(AAPL, -0.03, msft, 0.02, ibm, 0.0));
            awaitPosition(book, AAPL, 0);
            awaitPosition(book, msft, 0);
            oms.sync();
            List<Order> mine = oms.orders().stream().filter(o -> o.portfolioId().equals(book)).toList();
            assertThat(mine).hasSize(4).allSatisfy(o -> assertThat(o.status().isTerminal()).isTrue())
                    .allSatisfy(o -> assertThat(o.clientOrderId().value()).startsWith("cross-sectional-"));
            // The challenger scored both closes in shadow (3 names each) and never reached the strategy: its events
            // are the champion's batches (one or more per close: the server batches the closes queued so far).
            eventually(() -> shadowSignals(published) == 6);
            assertThat(shadowSignals(published)).isEqualTo(6);
            assertThat(runtime.strategy("cross-sectional").orElseThrow().events())
                    .isEqualTo(published.stream().filter(b -> !b.shadow()).count());
        } finally {
            server.close();
        }
    }

    /**
     * The serving side may split one close over batches (it scores the closes queued when it wakes): the plugin
     * ranks the close once every name has its signal, and ignores shadow batches and other models.
     */
    @Test
    void aCloseSplitOverBatchesIsRankedOnceEveryInstrumentHasItsSignal() throws Exception {
        StrategyRuntimeComponent runtime = threeStocks();
        PortfolioId book = startCrossSectional(runtime);
        Instant close = clock.instant().plusSeconds(1);
        InstrumentId msft = InstrumentId.of("MSFT");
        InstrumentId ibm = InstrumentId.of("IBM");
        runtime.onSignals(batch("alpha", true, close, Map.of(AAPL, -0.5, msft, 0.5, ibm, 0.0)));
        runtime.onSignals(batch("beta", false, close, Map.of(AAPL, -0.5, msft, 0.5, ibm, 0.0)));
        runtime.onSignals(batch("alpha", false, close, Map.of(AAPL, 0.03)));
        eventually(() -> runtime.strategy("cross-sectional").orElseThrow().events() == 1);
        assertThat(runtime.strategy("cross-sectional").orElseThrow().events()).isEqualTo(1);
        oms.sync();
        assertThat(runtime.strategy("cross-sectional").orElseThrow().orders()).isZero();

        runtime.onSignals(batch("alpha", false, close, Map.of(msft, -0.02, ibm, 0.0)));
        awaitPosition(book, AAPL, 131);
        awaitPosition(book, msft, -62);
        // The strategy counts a batch once its handler returns; the fills of the orders it sent can come first.
        eventually(() -> runtime.strategy("cross-sectional").orElseThrow().events() == 2);
        assertThat(runtime.strategy("cross-sectional").orElseThrow().events()).isEqualTo(2);
    }

    private static SignalBatch batch(String model, boolean shadow, Instant time, Map<InstrumentId, Double> values) {
        List<Signal> signals = values.entrySet().stream().map(e -> new Signal(e.getKey(), model, 1,
                shadow ? RegisteredModel.CHALLENGER : RegisteredModel.CHAMPION, e.getValue(), time)).toList();
        return new SignalBatch(model, 1, signals.get(0).alias(), shadow, time, signals);
    }

    /** AAPL at 190, MSFT at 400, IBM at 150, quoted to the gateway and the venue; the platform started. */
    private StrategyRuntimeComponent threeStocks() {
        Map<InstrumentId, Long> prices = Map.of(AAPL, 190L, InstrumentId.of("MSFT"), 400L, InstrumentId.of("IBM"),
                150L);
        prices.keySet().forEach(id -> market.define(Instrument.equity(id.value(), "USD")));
        StrategyRuntimeComponent runtime = startPlatform();
        for (Map.Entry<InstrumentId, Long> e : prices.entrySet()) {
            long mid = Price.ofWhole(e.getValue()).raw();
            long tick = Price.of("0.01").raw();
            Quote quote = new Quote(e.getKey(), new Price(mid - tick), Quantity.ofWhole(5000), new Price(mid + tick),
                    Quantity.ofWhole(5000), clock.instant());
            market.publish(quote);
            venue.onQuote(quote);
        }
        return runtime;
    }

    /** The cross-sectional plugin on model alpha: long 1, short 1, every close, 50,000 of capital. */
    private static PortfolioId startCrossSectional(StrategyRuntimeComponent runtime) {
        Map<String, Object> properties = new HashMap<>(Map.of(Strategy.NAME_PROPERTY, "cross-sectional",
                "portfolio", "live-xs", "instruments", "AAPL,MSFT,IBM", "venue", "SIM", "autostart", "true"));
        properties.putAll(Map.of(Strategy.SIGNALS_MODEL_PARAMETER, "alpha", "long.count", "1", "short.count", "1",
                "rebalance.bars", "1", "capital", "50000", "max.turnover", "1"));
        runtime.bindStrategy(new CrossSectionalStrategy(), properties);
        assertThat(runtime.strategy("cross-sectional")).get().extracting(StrategyInfo::state)
                .isEqualTo(StrategyState.RUNNING);
        return PortfolioId.of("live-xs");
    }

    private static long shadowSignals(List<SignalBatch> batches) {
        return batches.stream().filter(SignalBatch::shadow).mapToLong(b -> b.signals().size()).sum();
    }

    /** A bar closes: the features of every instrument are known as of it, and the server scores the close. */
    private void close(SignalServer server, Map<InstrumentId, FactorValue> features, BarSpec bars,
            Map<InstrumentId, Double> momentum) {
        clock.advance(Duration.ofSeconds(1));
        Instant end = clock.instant();
        momentum.forEach((id, value) -> features.put(id, new FactorValue("MOM", id, value, end, bars)));
        momentum.keySet().stream().sorted().forEach(id -> server.featuresComputed(id, bars, end));
    }

    private void awaitPosition(PortfolioId book, InstrumentId instrument, long quantity) throws InterruptedException {
        Quantity expected = Quantity.ofWhole(quantity);
        Supplier<Quantity> held = () -> keeper.position(book, instrument).map(p -> p.quantity())
                .orElse(Quantity.ofWhole(0));
        eventually(() -> held.get().equals(expected));
        assertThat(held.get()).as("position of %s in %s", instrument, book).isEqualTo(expected);
    }

    /** Waits up to 5 s for the other threads (serving, strategy, OMS, venue) to get there. */
    private static void eventually(BooleanSupplier condition) {
        Await.until("the other threads (serving, strategy, OMS, venue) to get there", Duration.ofSeconds(5), condition);
    }

    /** A real Weka ridge fitted on MOM in [-1, 1] with the target {@code slope} × MOM. */
    private static FittedModel ridge(double slope) {
        double[][] rows = new double[41][];
        double[] targets = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {(i - 20) / 20.0};
            targets[i] = slope * rows[i][0];
        }
        return new WekaRidge().fit(new LabelledMatrix(List.of("MOM"), "fwd", rows, targets), Map.of(), 1);
    }

    private ModelVersion version(int version) {
        return new ModelVersion("alpha", version, "run-" + version, "weka-ridge", List.of("MOM"), "digest",
                Map.of(), clock.instant());
    }
}
