package org.nautilus.risk.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nautilus.risk.internal.support.Orders.buy;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.Instrument;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Money;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Position;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.risk.RiskDecision;
import org.nautilus.risk.internal.support.Desk;
import org.nautilus.risk.internal.support.FakeMarketData;
import org.nautilus.risk.internal.support.MemoryRiskState;
import org.nautilus.risk.rule.maxdailyloss.internal.MaxDailyLossRule;
import org.nautilus.testsupport.InMemoryPositions;
import org.nautilus.testsupport.MutableClock;

/** The daily loss limit across a restart: the start-of-day baseline is kept in the store, not only in memory. */
class DailyBaselineRestartTest {

    private static final PortfolioId MAIN = PortfolioId.of("main");

    private final MutableClock clock = new MutableClock(Desk.OPEN);
    private final FakeMarketData market = new FakeMarketData();
    private final InMemoryPositions positions = new InMemoryPositions();
    private final MemoryRiskState store = new MemoryRiskState();

    DailyBaselineRestartTest() {
        market.define(Instrument.equity("AAPL", "USD"));
        market.define(Instrument.equity("MSFT", "USD"));
        market.mark("AAPL", "190");
        market.mark("MSFT", "400");
        positions.put(new Position(MAIN, InstrumentId.of("AAPL"), Quantity.ofWhole(10_000), Price.of("190"),
                Money.ZERO, Money.ZERO, 1, clock.instant()));
    }

    /** A node's risk engine with the max-daily-loss rule at 50,000 (and the store, if given). */
    private RiskEngine start(MemoryRiskState withStore) {
        RiskEngine engine = new RiskEngine(new RuleChain(), market, positions, clock, EngineConfig.defaults());
        engine.chain().add(new MaxDailyLossRule(MaxDailyLossRule.Limits.of("50000", Map.of())), null, 0);
        engine.useStore(withStore);
        return engine;
    }

    @Test
    void aRestartedEngineStillDeniesAfterTheDaysLoss() {
        RiskEngine morning = start(store);
        assertThat(morning.check(buy(1, "MSFT")).approved()).as("the open: the baseline is taken").isTrue();
        market.mark("AAPL", "183.8"); // 10,000 shares down 6.20 each: -62,000
        assertThat(morning.check(buy(1, "MSFT")).code()).isEqualTo("MAX_DAILY_LOSS");

        clock.advance(Duration.ofHours(2));
        RiskEngine restarted = start(store); // the node restarts: a new engine, the same store and positions

        RiskDecision decision = restarted.check(buy(100, "MSFT"));
        assertThat(decision.code()).isEqualTo("MAX_DAILY_LOSS");
        assertThat(decision.message()).contains("daily P&L -62,000");
        assertThat(store.dailyPnlBaseline(MAIN)).hasValueSatisfying(b -> {
            assertThat(b.day()).isEqualTo(LocalDate.of(2025, 3, 3));
            assertThat(b.unrealized()).isEqualTo(Money.ZERO);
        });
    }

    @Test
    void withoutTheStoreARestartForgetsTheMorning() {
        RiskEngine morning = start(null);
        morning.check(buy(1, "MSFT"));
        market.mark("AAPL", "183.8");
        assertThat(morning.check(buy(1, "MSFT")).approved()).isFalse();

        assertThat(start(null).check(buy(1, "MSFT")).approved()).as("what the store is for").isTrue();
    }

    @Test
    void theNextDaysBaselineIsSavedAndAnOldOneIsNotAdopted() {
        RiskEngine engine = start(store);
        engine.check(buy(1, "MSFT"));
        market.mark("AAPL", "183.8");
        assertThat(engine.check(buy(1, "MSFT")).approved()).isFalse(); // the close: -62,000 today
        clock.advance(Duration.ofHours(12)); // 02:30 the next day
        engine.refresh();

        assertThat(store.dailyPnlBaseline(MAIN).orElseThrow().day()).isEqualTo(LocalDate.of(2025, 3, 4));
        assertThat(engine.check(buy(1, "MSFT")).approved()).isTrue();

        clock.advance(Duration.ofDays(1)); // down over a day: yesterday's saved baseline is not today's
        assertThat(start(store).check(buy(1, "MSFT")).approved()).isTrue();
        assertThat(store.dailyPnlBaseline(MAIN).orElseThrow().day()).isEqualTo(LocalDate.of(2025, 3, 5));
    }

    @Test
    void aStoreThatFailsLeavesTheBaselineInMemoryAndItIsSavedOnceTheStoreAnswers() {
        store.failing = true;
        RiskEngine engine = start(store);
        assertThat(engine.check(buy(1, "MSFT")).approved()).isTrue();
        market.mark("AAPL", "183.8");
        assertThat(engine.check(buy(1, "MSFT")).code()).as("the limit works on the memory baseline")
                .isEqualTo("MAX_DAILY_LOSS");

        store.failing = false;
        engine.check(buy(1, "MSFT"));

        assertThat(store.baselineSaves).isEqualTo(1);
        assertThat(start(store).check(buy(1, "MSFT")).code()).isEqualTo("MAX_DAILY_LOSS");
    }
}
