package org.nautilus.benchmarks.pipeline;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.Instrument;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.marketdata.Quote;
import org.nautilus.api.oms.OrderStepListener;
import org.nautilus.api.risk.RiskRule;
import org.nautilus.api.venue.FeeSchedule;
import org.nautilus.benchmarks.support.BenchmarkRules;
import org.nautilus.benchmarks.support.SimulatedMarket;
import org.nautilus.oms.internal.core.OrderListeners;
import org.nautilus.oms.internal.core.OrderManager;
import org.nautilus.portfolio.internal.core.PositionKeeper;
import org.nautilus.risk.internal.engine.EngineConfig;
import org.nautilus.risk.internal.engine.RiskEngine;
import org.nautilus.risk.internal.engine.RuleChain;
import org.nautilus.strategy.internal.backtest.EngineServices;
import org.nautilus.venue.simulated.internal.SimulatedExchange;
import org.nautilus.venue.simulated.internal.VenueConfig;

/**
 * The whole in-process trading path wired from the platform's plain-Java cores, as the OSGi components wire
 * them: OMS ({@link OrderManager} with the smart order router) → risk ({@link RiskEngine}, the twelve built-in
 * rules) → two simulated exchanges (SIM and SIMB, matching engines fed by a market maker on the quotes) →
 * fills → position keeper ({@link PositionKeeper}, each position saved to a store). Only the store is not the
 * platform's (an in-memory map instead of the Ignite cache).
 */
final class Pipeline implements AutoCloseable {

    static final String[] SYMBOLS = {"AAPL", "MSFT", "AMZN", "NVDA", "META"};

    final SimulatedMarket market = new SimulatedMarket();
    final PositionKeeper keeper = new PositionKeeper(new EngineServices.MemoryPositionStore());
    final RiskEngine risk;
    final SimulatedExchange sim;
    final SimulatedExchange simb;
    final OrderManager oms;
    final LongAdder fills = new LongAdder();
    /** Σ signed fill quantity per portfolio/instrument, to check the positions against at the end. */
    final Map<PositionRef, LongAdder> filledByPosition = new ConcurrentHashMap<>();

    /** The key of {@link #filledByPosition}. */
    record PositionRef(PortfolioId portfolio, InstrumentId instrument) {
    }

    Pipeline(int partitions) {
        Clock clock = Clock.systemUTC();
        for (String symbol : SYMBOLS) {
            market.define(Instrument.equity(symbol, "USD"));
        }
        publishQuotes(Instant.now());
        EngineConfig config = EngineConfig.of("1000000000", "UTC", "00:00", "0.95", 250, 20, 1_000, 1 << 20, 1000,
                Map.of());
        risk = new RiskEngine(new RuleChain(), market, new EngineServices.Positions(keeper, market::mark), clock,
                config);
        for (RiskRule rule : BenchmarkRules.all(clock, SYMBOLS)) {
            risk.chain().add(rule, null, 0);
        }
        sim = new SimulatedExchange(VenueConfig.defaults("SIM"), clock, market);
        simb = new SimulatedExchange(VenueConfig.defaults("SIMB").withFees(FeeSchedule.ofBps("-0.2", "1"))
                .withLiquidity(new BigDecimal("0.3"), 3, 2), clock, market);
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
                fills.increment();
                // The driver's own bookkeeping: a record key, not a string built per fill.
                filledByPosition.computeIfAbsent(new PositionRef(fill.portfolioId(), fill.instrumentId()),
                        k -> new LongAdder()).add(fill.signedQuantity().raw());
            }
        });
        oms = OrderManager.builder(market::instrument, new EngineServices.Risk(risk)).clock(clock).listeners(listeners)
                .partitions(partitions).build();
        oms.venueAdded(sim.id(), sim);
        oms.venueAdded(simb.id(), simb);
    }

    /** Quotes for every symbol around its base price: to the gateway (marks) and to both venues' market makers. */
    void publishQuotes(Instant now) {
        for (int s = 0; s < SYMBOLS.length; s++) {
            long base = 100 + 50L * s;
            Quote quote = new Quote(InstrumentId.of(SYMBOLS[s]), new Price(Price.ofWhole(base).raw() - 1_000_000L),
                    Quantity.ofWhole(1_000_000), new Price(Price.ofWhole(base).raw() + 1_000_000L),
                    Quantity.ofWhole(1_000_000), now);
            market.publish(quote);
            if (sim != null) {
                sim.onQuote(quote);
                simb.onQuote(quote);
            }
        }
    }

    static long basePrice(int symbol) {
        return 100 + 50L * symbol;
    }

    @Override
    public void close() {
        oms.close();
        sim.close();
        simb.close();
    }
}
