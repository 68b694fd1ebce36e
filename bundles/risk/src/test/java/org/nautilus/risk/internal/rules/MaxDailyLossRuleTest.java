package org.nautilus.risk.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nautilus.risk.internal.support.Orders.buy;
import static org.nautilus.risk.internal.support.Orders.sell;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.Money;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.risk.RiskDecision;
import org.nautilus.api.risk.RiskRule;
import org.nautilus.risk.internal.engine.EngineConfig;
import org.nautilus.risk.internal.support.Desk;
import org.nautilus.risk.rule.maxdailyloss.internal.MaxDailyLossRule;

class MaxDailyLossRuleTest {

    /** The desk of every test: the engine valuing portfolios in full ({@link MaxDailyLossRuleRunningTest}: running). */
    Desk desk(EngineConfig config, RiskRule... rules) {
        return new Desk(config, rules);
    }

    private final Desk desk = desk(EngineConfig.defaults(),
            new MaxDailyLossRule(MaxDailyLossRule.Limits.of("50000", Map.of())))
                    .equity("AAPL", "190").equity("MSFT", "400");

    @Test
    void afterLosing62000TodayANewBuyIsDeniedMaxDailyLoss50000Reached() {
        desk.position("main", "AAPL", 10_000, "190");
        desk.check(buy(1, "MSFT")); // the desk sees the portfolio at the open: P&L baseline
        desk.mark("AAPL", "183.8"); // 10,000 shares down 6.20 each

        RiskDecision decision = desk.check(buy(100, "MSFT"));

        assertThat(decision.code()).isEqualTo("MAX_DAILY_LOSS");
        assertThat(decision.message()).isEqualTo(
                "max daily loss 50,000 reached: daily P&L -62,000; only orders that reduce a position are accepted");
    }

    @Test
    void afterTheLossASellThatReducesTheLosingPositionIsStillAccepted() {
        desk.position("main", "AAPL", 10_000, "190");
        desk.check(buy(1, "MSFT"));
        desk.mark("AAPL", "183.8");

        assertThat(desk.check(sell(10_000, "AAPL")).approved()).isTrue();
        assertThat(desk.check(sell(10_001, "AAPL")).approved()).isFalse();
    }

    @Test
    void aLossBelowTheLimitDoesNotStopTrading() {
        desk.position("main", "AAPL", 10_000, "190");
        desk.check(buy(1, "MSFT"));
        desk.mark("AAPL", "185.01"); // -49,900

        assertThat(desk.check(buy(100, "MSFT")).approved()).isTrue();
    }

    @Test
    void realizedLossesOfTheDayCountToo() {
        desk.position("main", "AAPL", 100, "190", "0");
        desk.check(buy(1, "MSFT"));
        desk.position("main", "AAPL", 0, "0", "-50000"); // sold at a 50,000 loss

        assertThat(desk.check(buy(1, "MSFT")).code()).isEqualTo("MAX_DAILY_LOSS");
    }

    @Test
    void yesterdaysLossesDoNotCountTomorrow() {
        desk.position("main", "AAPL", 10_000, "190");
        desk.check(buy(1, "MSFT"));
        desk.mark("AAPL", "183.8");
        assertThat(desk.check(buy(1, "MSFT")).approved()).isFalse();

        desk.advance(Duration.ofHours(12)); // 02:30 the next day: the baseline is last night's P&L
        desk.core.refresh();

        assertThat(desk.check(buy(1, "MSFT")).approved()).isTrue();
        assertThat(desk.context().dailyPnl(PortfolioId.of("main"))).isEqualTo(Money.ZERO);
    }
}
