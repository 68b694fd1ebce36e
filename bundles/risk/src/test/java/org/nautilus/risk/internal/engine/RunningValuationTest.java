package org.nautilus.risk.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.FixedPoint;
import org.nautilus.api.domain.Instrument;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Money;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Position;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.risk.RiskContext;
import org.nautilus.api.risk.RiskDecision;
import org.nautilus.risk.internal.support.FakeMarketData;
import org.nautilus.risk.internal.support.Orders;
import org.nautilus.risk.rule.maxdailyloss.internal.MaxDailyLossRule;
import org.nautilus.risk.rule.maxleverage.internal.MaxLeverageRule;
import org.nautilus.testsupport.InMemoryPositions;
import org.nautilus.testsupport.MutableClock;

/**
 * The running valuation equals the full revaluation, exactly: two risk engines over the same market and positions,
 * one keeping running totals (marks reported, fills announced), one valuing every portfolio in full on each read (the
 * engine as it was), driven through a long seeded random sequence of mark changes, position changes (fills), dropped
 * positions, day rolls and orders. After every step both must give the same daily P&amp;L, equity, gross exposure and
 * exposure of each position, and the daily-loss and leverage rules the same decisions with the same messages.
 * Instruments with multipliers 1, 50 and 0.1, one never defined, one without a mark for a while; quantities and
 * prices with all eight decimals, so the fixed-point rounding of every term is exercised.
 */
class RunningValuationTest {

    private static final List<String> SYMBOLS = List.of("AAPL", "ES", "MINI", "LATE", "UNDEF");
    private static final List<String> PORTFOLIOS = List.of("main", "alpha", "beta");
    private static final int STEPS = 10_000;

    @Test
    void aLongRandomSequenceOfFillsAndMarksGivesExactlyTheFullRevaluationsNumbers() {
        for (long seed = 1; seed <= 3; seed++) {
            run(seed);
        }
    }

    @Test
    void aMarkChangeRevaluesOnlyThePortfoliosHoldingTheInstrumentAndAFillItsOwnPosition() {
        FakeMarketData market = FakeMarketData.reportingMarks();
        market.define(Instrument.equity("AAPL", "USD"));
        market.define(Instrument.equity("MSFT", "USD"));
        market.mark("AAPL", "200");
        market.mark("MSFT", "400");
        InMemoryPositions positions = new InMemoryPositions();
        MutableClock clock = new MutableClock(Instant.parse("2025-03-03T14:30:00Z"));
        RiskEngine engine = new RiskEngine(new RuleChain(), market, positions, clock, EngineConfig.defaults());
        PortfolioId main = PortfolioId.of("main");
        positions.put(Orders.position("main", "AAPL", 100, "190", clock.instant()));
        RiskContext context = engine.context();
        assertThat(context.grossExposure(main)).isEqualTo(Money.of("20000"));
        assertThat(context.dailyPnl(main)).isEqualTo(Money.ZERO); // the baseline: P&L before today is not today's

        market.mark("AAPL", "201.5");
        market.mark("MSFT", "390"); // not held: changes nothing
        assertThat(context.grossExposure(main)).isEqualTo(Money.of("20150"));
        assertThat(context.dailyPnl(main)).isEqualTo(Money.of("150"));

        positions.put(Orders.position("main", "MSFT", -10, "400", clock.instant()));
        engine.positionChanged(main, InstrumentId.of("MSFT"));
        assertThat(context.grossExposure(main)).isEqualTo(Money.of("24050"));
        assertThat(context.exposure(main, InstrumentId.of("MSFT"))).isEqualTo(Money.of("-3900"));
        assertThat(context.dailyPnl(main)).isEqualTo(Money.of("250"));
    }

    @Test
    void aFillReportedBeforeTheKeeperAppliedItIsReadAgainUntilTheKeeperHasIt() {
        FakeMarketData market = FakeMarketData.reportingMarks();
        market.define(Instrument.equity("AAPL", "USD"));
        market.mark("AAPL", "200");
        InMemoryPositions positions = new InMemoryPositions();
        MutableClock clock = new MutableClock(Instant.parse("2025-03-03T14:30:00Z"));
        RiskEngine engine = new RiskEngine(new RuleChain(), market, positions, clock, EngineConfig.defaults());
        PortfolioId main = PortfolioId.of("main");
        positions.put(Orders.position("main", "AAPL", 100, "190", clock.instant()));
        assertThat(engine.context().grossExposure(main)).isEqualTo(Money.of("20000"));

        // The OMS tells the risk engine of a fill first; a check runs before the keeper's listener applied it.
        engine.onFill(new Fill("x-1", OrderId.of(1), main, InstrumentId.of("AAPL"), VenueId.of("SIM"), Side.BUY,
                Quantity.ofWhole(100), Price.ofWhole(200), Money.ZERO, clock.instant()));
        assertThat(engine.context().grossExposure(main)).isEqualTo(Money.of("20000"));
        Position before = positions.position(main, InstrumentId.of("AAPL")).orElseThrow();
        positions.put(new Position(main, before.instrumentId(), Quantity.ofWhole(200), Price.of("195"),
                Money.ZERO, Money.ZERO, before.fillCount() + 1, clock.instant()));

        assertThat(engine.context().grossExposure(main)).isEqualTo(Money.of("40000"));
    }

    private static void run(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        FakeMarketData market = FakeMarketData.reportingMarks();
        market.define(Instrument.equity("AAPL", "USD"));
        market.define(future("ES", "50"));
        market.define(future("MINI", "0.1"));
        market.define(Instrument.equity("LATE", "USD"));
        // UNDEF is never defined: multiplier 1
        for (String symbol : List.of("AAPL", "ES", "MINI", "UNDEF")) {
            market.mark(InstrumentId.of(symbol), price(random));
        }
        InMemoryPositions positions = new InMemoryPositions();
        MutableClock clock = new MutableClock(Instant.parse("2025-03-03T14:30:00Z"));
        EngineConfig config = EngineConfig.of("1000000", "UTC", "00:00", "0.95", 250, 20, 60_000, 1 << 16, 1000,
                Map.of());
        RiskEngine running = engine(market, positions, clock, config, true);
        RiskEngine full = engine(market, positions, clock, config, false);
        assertThat(running.runningValuation()).isTrue();
        assertThat(full.runningValuation()).isFalse();
        long executions = 0;
        for (int step = 0; step < STEPS; step++) {
            Object at = new Step(seed, step);
            int what = random.nextInt(100);
            String symbol = SYMBOLS.get(random.nextInt(SYMBOLS.size()));
            String portfolio = PORTFOLIOS.get(random.nextInt(PORTFOLIOS.size()));
            InstrumentId instrument = InstrumentId.of(symbol);
            PortfolioId portfolioId = PortfolioId.of(portfolio);
            if (what < 40) {
                market.mark(instrument, price(random));
            } else if (what < 75) {
                Position before = positions.position(portfolioId, instrument)
                        .orElse(Position.flat(portfolioId, instrument, clock.instant()));
                long quantity = random.nextInt(10) == 0 ? 0
                        : random.nextLong(-5_000 * FixedPoint.ONE,
                                5_000 * FixedPoint.ONE);
                Position after = new Position(portfolioId, instrument, new Quantity(quantity),
                        quantity == 0 ? Price.ZERO : price(random),
                        new Money(before.realizedPnl().raw() + random.nextLong(-50_000 * FixedPoint.ONE,
                                50_000 * FixedPoint.ONE)),
                        new Money(before.commissions().raw() + random.nextLong(0, 20 * FixedPoint.ONE)),
                        before.fillCount() + 1, clock.instant());
                positions.put(after);
                running.onFill(new Fill("x-" + ++executions, OrderId.of(executions), portfolioId, instrument,
                        VenueId.of("SIM"), Side.BUY, Quantity.ofWhole(1), Price.ofWhole(1), Money.ZERO,
                        clock.instant()));
            } else if (what < 78) {
                positions.remove(portfolio, symbol); // the keeper dropped it: flat, its realized P&L remembered
                running.positionChanged(portfolioId, instrument);
            } else if (what < 81) {
                clock.advance(Duration.ofMinutes(random.nextInt(1, 24 * 60)));
                running.refresh();
                full.refresh();
            } else {
                Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
                long quantity = random.nextLong(1, 3_000);
                OrderRequest order = random.nextBoolean() ? Orders.market(portfolio, side, quantity, symbol)
                        : Orders.limit(portfolio, side, quantity, symbol,
                                FixedPoint.toBigDecimal(price(random).raw()).toPlainString());
                RiskDecision fromRunning = running.check(order);
                RiskDecision fromFull = full.check(order);
                assertThat(fromRunning).as("%s", at).isEqualTo(fromFull);
            }
            for (String p : PORTFOLIOS) {
                PortfolioId id = PortfolioId.of(p);
                RiskContext r = running.context();
                RiskContext f = full.context();
                assertThat(r.dailyPnl(id)).as("%s: daily P&L of %s", at, p).isEqualTo(f.dailyPnl(id));
                assertThat(r.equity(id)).as("%s: equity of %s", at, p).isEqualTo(f.equity(id));
                assertThat(r.grossExposure(id)).as("%s: gross exposure of %s", at, p).isEqualTo(f.grossExposure(id));
                for (String s : SYMBOLS) {
                    InstrumentId i = InstrumentId.of(s);
                    assertThat(r.exposure(id, i)).as("%s: exposure of %s in %s", at, p, s)
                            .isEqualTo(f.exposure(id, i));
                }
            }
        }
        // the sequence exercised both sides of both limits
        assertThat(running.rules()).as("seed " + seed).allMatch(rule -> rule.rejections() > 0,
                "each rule denied some orders");
    }

    /** Where a difference showed (formatted only then). */
    private record Step(long seed, int step) {
        @Override
        public String toString() {
            return "seed " + seed + ", step " + step;
        }
    }

    private static RiskEngine engine(FakeMarketData market, InMemoryPositions positions, MutableClock clock,
            EngineConfig config, boolean runningValuation) {
        RiskEngine engine = new RiskEngine(new RuleChain(), market, positions, clock, config, runningValuation);
        engine.chain().add(new MaxDailyLossRule(MaxDailyLossRule.Limits.of("40000", Map.of())), null, 0);
        engine.chain().add(new MaxLeverageRule(MaxLeverageRule.Limits.of("1.5", Map.of())), null, 0);
        return engine;
    }

    /** A price between 1 and 500 with all eight decimals. */
    private static Price price(SplittableRandom random) {
        return new Price(random.nextLong(FixedPoint.ONE, 500 * FixedPoint.ONE));
    }

    private static Instrument future(String symbol, String multiplier) {
        Instrument equity = Instrument.equity(symbol, "USD");
        return new Instrument(equity.id(), equity.currency(), equity.tickSize(), equity.lotSize(),
                equity.minQuantity(), equity.maxQuantity(), Quantity.of(multiplier));
    }
}
