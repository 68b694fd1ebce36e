package org.nautilus.strategy.internal.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.Instrument;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.MarketDataService;
import org.nautilus.api.oms.OrderStepListener;
import org.nautilus.api.routes.MarketDataFiles;
import org.nautilus.api.strategy.BacktestSpec;
import org.nautilus.api.strategy.Strategy;
import org.nautilus.marketdata.internal.MarketDataGateway;
import org.nautilus.oms.internal.core.OrderListeners;
import org.nautilus.oms.internal.core.OrderManager;
import org.nautilus.portfolio.internal.core.PositionKeeper;
import org.nautilus.risk.internal.engine.EngineConfig;
import org.nautilus.risk.internal.engine.RiskEngine;
import org.nautilus.risk.internal.engine.RuleChain;
import org.nautilus.risk.rule.killswitch.internal.KillSwitch;
import org.nautilus.routes.internal.component.Gateways;
import org.nautilus.routes.internal.component.NautilusComponent;
import org.nautilus.routes.internal.replay.MarketDataFilesComponent;
import org.nautilus.routes.internal.replay.ReplayComponent;
import org.nautilus.strategy.internal.backtest.BacktestEngine;
import org.nautilus.strategy.internal.backtest.EngineServices;
import org.nautilus.strategy.macross.internal.MaCrossStrategy;
import org.nautilus.testsupport.Await;
import org.nautilus.venue.simulated.internal.SimulatedVenueComponent;

/**
 * Live/backtest parity on the real cores, in one process: the MA crossover over Apple's daily bars of 2013, live
 * (the bars read by the replay routes' reader and published one by one into the real market data gateway, the
 * strategy on the live runtime's thread, orders through the OMS's partition thread, the real simulated venue
 * component quoting the bars ({@code bar.quotes.spec = P1D}) on its own matching thread) and as a backtest of the
 * same file: the same orders and fills. The live feed waits, after each bar, until the strategy has decided on it and
 * its orders are done (what the backtest's loop guarantees, and a paced replay gives the container's
 * {@code ParityIT}). Ids and timestamps differ and are not compared.
 */
class LiveBacktestParityTest {

    private static final InstrumentId AAPL = InstrumentId.of("AAPL.NASDAQ");
    private static final PortfolioId PORTFOLIO = PortfolioId.of("ma-cross");
    private static final String FILE = "appleinc_bars_from_20130101_usd.csv";
    /** Bars of the file (a bar of each trading day of 2013). */
    private static final int BARS = 252;
    private static final Map<String, String> PARAMETERS = Map.of("instruments", "AAPL.NASDAQ", "venue", "SIM",
            "bar.spec", "P1D", "fast", "10", "slow", "30", "rsi.period", "14", "rsi.max", "70", "quantity", "100");

    @TempDir
    Path dir;

    /**
     * @param throughRoute {@code false}: this test publishes the bars and waits after each; {@code true}: a Camel
     *                     route replays the file into the gateway with the step {@code to: nautilus:strategy}, which
     *                     does the waiting (what {@code ParityIT} does in the container)
     */
    @ParameterizedTest(name = "through a step-locked route: {0}")
    @ValueSource(booleans = {false, true})
    void theSameBarsGiveTheSameOrdersAndFillsLiveAndInABacktest(boolean throughRoute) throws Exception {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(FILE)) {
            Files.copy(in, dir.resolve(FILE));
        }
        MarketDataFiles files = new MarketDataFilesComponent();

        // Live.
        Clock clock = Clock.systemUTC();
        MarketDataGateway market = new MarketDataGateway(clock, Duration.ofSeconds(1), 1000, 4096);
        market.define(Instrument.equity(AAPL.value(), "USD"));
        PositionKeeper keeper = new PositionKeeper(new EngineServices.MemoryPositionStore());
        EngineServices.Positions positions = new EngineServices.Positions(keeper, market::mark);
        RiskEngine risk = new RiskEngine(new RuleChain(), market, positions, clock, EngineConfig.defaults());
        risk.chain().add(new KillSwitch(clock), null, 0);
        SimulatedVenueComponent venue = new SimulatedVenueComponent(venueConfig(Map.of("venue.id", "SIM",
                "fee.bps", "2", "bar.quotes.spec", "P1D", "bar.quotes.slippage.bps", "5",
                "bar.quotes.participation", "0.1")));
        invoke(venue, "bindMarketData", MarketDataService.class, market);
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
        OrderManager oms = OrderManager.builder(market::instrument, new EngineServices.Risk(risk)).clock(clock)
                .listeners(listeners).partitions(2).build();
        List<String> liveOrders;
        List<String> liveFills = new ArrayList<>();
        try {
            oms.venueAdded(venue.id(), venue);
            StrategyRuntimeComponent runtime = new StrategyRuntimeComponent(new EngineServices.Orders(oms), market,
                    positions);
            oms.subscribe(runtime, "strategies", 10_000);
            Map<String, Object> properties = new HashMap<>(PARAMETERS);
            properties.put(Strategy.NAME_PROPERTY, "ma-cross");
            properties.put("autostart", "true");
            runtime.bindStrategy(new MaCrossStrategy(), properties);

            int bars = 0;
            if (throughRoute) {
                replayThroughRoute(market, oms, runtime, clock);
            } else {
                try (MarketDataFiles.Reader reader = files.open(dir.resolve(FILE), "bars-csv", AAPL,
                        Duration.ofDays(1))) {
                    for (Object next = reader.next(); next != null; next = reader.next()) {
                        market.publish((Bar) next);
                        int seen = ++bars;
                        // The strategy has handled this bar (its orders sent) and heard of everything its orders did.
                        await(() -> runtime.strategy("ma-cross").orElseThrow().events() == seen);
                        oms.sync();
                        await(() -> {
                            List<Order> own = own(oms);
                            long filled = own.stream().mapToLong(o -> oms.fills(o.id()).size()).sum();
                            return own.stream().noneMatch(o -> o.status().isOpen())
                                    && runtime.strategy("ma-cross").orElseThrow().fills() == filled;
                        });
                    }
                }
            }
            runtime.stop("ma-cross", false);
            liveOrders = own(oms).stream().map(LiveBacktestParityTest::order).toList();
            for (Order o : own(oms)) {
                oms.fills(o.id()).forEach(f -> liveFills.add(fill(f)));
            }
        } finally {
            oms.close();
            invoke(venue, "deactivate", null, null);
            market.close();
        }

        // The backtest of the same file, parameters and execution model (the venue's fees and bar quotes).
        BacktestSpec spec = new BacktestSpec("ma-cross", PARAMETERS,
                List.of(new BacktestSpec.DataFile(FILE, "bars-csv", AAPL, Duration.ofDays(1))), null, null,
                new BigDecimal("1000000"), new BacktestSpec.Execution(new BigDecimal("5"), new BigDecimal("0.1"),
                        Duration.ZERO, new BigDecimal("2"), new BigDecimal("2")),
                Map.of(), Duration.ofDays(1), 252);
        BacktestEngine.Outcome outcome = new BacktestEngine(spec, new MaCrossStrategy(), files, dir, true)
                .run(line -> {});
        List<String> backtestOrders = outcome.orders().stream().map(LiveBacktestParityTest::order).toList();
        List<String> backtestFills = outcome.fills().stream().map(LiveBacktestParityTest::fill).toList();

        assertThat(liveOrders).as("the strategy traded").hasSizeGreaterThanOrEqualTo(4);
        assertThat(liveOrders).as("orders: side type quantity status filled average price")
                .isEqualTo(backtestOrders);
        assertThat(liveFills).as("fills: side quantity price commission").isEqualTo(backtestFills);
    }

    /**
     * The file replayed by a Camel route: {@code nautilus-replay} at full pace into {@code nautilus:marketdata}, each
     * bar then waiting in {@code nautilus:strategy?name=ma-cross} until the strategy has handled it and its orders are
     * done; returns when the strategy has seen every bar and nothing of it is working.
     */
    private void replayThroughRoute(MarketDataGateway market, OrderManager oms, StrategyRuntimeComponent runtime,
            Clock clock) throws Exception {
        Gateways gateways = new Gateways(() -> market, () -> new EngineServices.Orders(oms),
                (subscriber, name, size) -> {
                    throw new IllegalStateException("no order events here");
                }).withStrategies(() -> runtime);
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.addComponent("nautilus", new NautilusComponent(gateways, clock));
            camel.addComponent("nautilus-replay", new ReplayComponent());
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("nautilus-replay:parity?file=" + dir.resolve(FILE) + "&format=bars-csv&symbol=AAPL.NASDAQ"
                            + "&interval=P1D").to("nautilus:marketdata")
                                    .to("nautilus:strategy?name=ma-cross&timeout=30000");
                }
            });
            camel.start();
            Await.until("the strategy saw every bar", Duration.ofSeconds(60),
                    () -> runtime.strategy("ma-cross").orElseThrow().events() == BARS);
            oms.sync();
            await(() -> own(oms).stream().noneMatch(o -> o.status().isOpen()));
        }
    }

    private static List<Order> own(OrderManager oms) {
        return oms.orders().stream().filter(o -> o.portfolioId().equals(PORTFOLIO))
                .sorted(Comparator.comparing(o -> o.id().value())).toList();
    }

    private static String order(Order o) {
        return String.join(" ", o.side().toString(), o.request().type().toString(), o.quantity().toString(),
                o.status().toString(), o.filledQuantity().toString(), String.valueOf(o.averagePrice()));
    }

    private static String fill(Fill f) {
        return String.join(" ", f.side().toString(), f.quantity().toString(), f.price().toString(),
                f.commission().toString());
    }

    private static void await(BooleanSupplier done) {
        Await.until("the condition", Duration.ofSeconds(10), done);
    }

    /** The venue's configuration as DS gives it: the values here, the annotation's defaults for the rest. */
    private static SimulatedVenueComponent.Config venueConfig(Map<String, String> values) {
        return (SimulatedVenueComponent.Config) Proxy.newProxyInstance(
                SimulatedVenueComponent.Config.class.getClassLoader(),
                new Class<?>[] {SimulatedVenueComponent.Config.class}, (proxy, method, args) -> {
                    String key = method.getName().replace('_', '.');
                    if (values.containsKey(key)) {
                        return method.getReturnType() == String.class ? values.get(key)
                                : method.getReturnType() == int.class ? Integer.valueOf(values.get(key))
                                        : Long.valueOf(values.get(key));
                    }
                    return method.getDefaultValue();
                });
    }

    /** The DS lifecycle methods of the venue component (package-private, as DS calls them). */
    private static void invoke(Object target, String name, Class<?> parameter, Object argument) throws Exception {
        Method method = parameter == null ? target.getClass().getDeclaredMethod(name)
                : target.getClass().getDeclaredMethod(name, parameter);
        method.setAccessible(true);
        if (parameter == null) {
            method.invoke(target);
        } else {
            method.invoke(target, argument);
        }
    }
}
