package org.nautilus.strategy.internal.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.Instrument;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.marketdata.Quote;
import org.nautilus.api.oms.OrderStepListener;
import org.nautilus.api.strategy.Strategy;
import org.nautilus.api.strategy.StrategyInfo;
import org.nautilus.api.strategy.StrategyState;
import org.nautilus.marketdata.internal.MarketDataGateway;
import org.nautilus.oms.internal.core.OrderListeners;
import org.nautilus.oms.internal.core.OrderManager;
import org.nautilus.portfolio.internal.core.PositionKeeper;
import org.nautilus.risk.internal.engine.CoreConfig;
import org.nautilus.risk.internal.engine.RiskCore;
import org.nautilus.risk.internal.engine.RiskEngine;
import org.nautilus.risk.internal.rules.KillSwitch;
import org.nautilus.strategy.internal.backtest.EngineServices;
import org.nautilus.strategy.macross.internal.MaCrossStrategy;
import org.nautilus.venue.simulated.internal.MarketAccess;
import org.nautilus.venue.simulated.internal.SimulatedExchange;
import org.nautilus.venue.simulated.internal.VenueConfig;

/**
 * The live runtime with the platform's real cores on live threads: the market data gateway (1 s bars from quotes),
 * the OMS with its partition thread and its durable-event subscribers, the risk core, a simulated exchange on its
 * matching thread and the position keeper. The MA crossover plugin trades, then its removal stops it cleanly.
 */
class StrategyRuntimeTest {

    private static final InstrumentId AAPL = InstrumentId.of("AAPL");
    private static final PortfolioId PORTFOLIO = PortfolioId.of("live-ma");

    /** The feed's time: moved by the test, so the gateway closes a 1 s bar per quote. */
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2024-03-01T14:30:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final MarketDataGateway market = new MarketDataGateway(clock, Duration.ofSeconds(1), 1000, 4096);
    private final PositionKeeper keeper = new PositionKeeper(new EngineServices.MemoryPositionStore());
    private final EngineServices.Positions positions = new EngineServices.Positions(keeper, market::mark);
    private final RiskCore risk = new RiskCore(new RiskEngine(), market, positions, clock, CoreConfig.defaults());
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

    @Test
    void aRegisteredStrategyTradesThroughTheOmsAndItsRemovalCancelsAndFlattens() throws Exception {
        market.define(Instrument.equity("AAPL", "USD"));
        risk.engine().add(new KillSwitch(clock), null, 0);
        OrderListeners listeners = new OrderListeners();
        listeners.add(new OrderStepListener() {
            @Override
            public void onOrder(Order order) {
                risk.onOrder(order);
            }

            @Override
            public void onFill(Fill fill) {
                keeper.apply(fill);
            }
        });
        oms = OrderManager.builder(market::instrument, new EngineServices.Risk(risk)).clock(clock).listeners(listeners)
                .partitions(2).build();
        oms.venueAdded(venue.id(), venue);
        EngineServices.Orders orders = new EngineServices.Orders(oms);
        StrategyRuntimeComponent runtime = new StrategyRuntimeComponent(orders, market, positions);
        oms.subscribe(runtime, "strategies", 10_000);

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
            now.set(now.get().plusSeconds(1));
            mid += (random.nextInt(41) - 20) * tick;
            Quote quote = new Quote(AAPL, new Price(mid - tick), Quantity.ofWhole(500), new Price(mid + tick),
                    Quantity.ofWhole(500), now.get());
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
}
