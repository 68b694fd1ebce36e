package org.nautilus.risk.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.nautilus.risk.internal.support.Orders.buy;
import static org.nautilus.risk.internal.support.Orders.forPortfolio;
import static org.nautilus.risk.internal.support.Orders.sell;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.risk.TradingState;
import org.nautilus.api.risk.TradingStatus;
import org.nautilus.risk.internal.support.Desk;
import org.nautilus.risk.rule.killswitch.internal.KillSwitch;
import org.nautilus.testsupport.MutableClock;

class KillSwitchTest {

    private final MutableClock clock = new MutableClock(Desk.OPEN);
    private final KillSwitch killSwitch = new KillSwitch(clock);
    private final List<Map<String, String>> persisted = new ArrayList<>();
    private final Desk desk = new Desk(killSwitch).equity("AAPL", "190");

    {
        killSwitch.persistTo(persisted::add);
    }

    @Test
    void activeEveryOrderPasses() {
        assertThat(desk.check(buy(100, "AAPL")).approved()).isTrue();
        assertThat(killSwitch.describe()).isEqualTo("trading ACTIVE");
    }

    @Test
    void haltedABuyIsDeniedWithTheReason() {
        killSwitch.setGlobal(TradingState.HALTED, "fat finger on desk 3");

        var decision = desk.check(buy(100, "AAPL"));

        assertThat(decision.code()).isEqualTo("TRADING_HALTED");
        assertThat(decision.message()).isEqualTo("trading is HALTED (global: fat finger on desk 3, since "
                + Desk.OPEN + "): no new orders; cancels are still accepted");
    }

    @Test
    void haltedEvenAReducingSellIsDenied() {
        desk.position("main", "AAPL", 100, "180");
        killSwitch.setGlobal(TradingState.HALTED, "");

        assertThat(desk.check(sell(100, "AAPL")).approved()).isFalse();
    }

    @Test
    void reducingOnlyPositionReducingOrdersPass() {
        desk.position("main", "AAPL", 100, "180");
        killSwitch.setGlobal(TradingState.REDUCING, "end of day");

        assertThat(desk.check(sell(60, "AAPL")).approved()).isTrue();
        var decision = desk.check(buy(1, "AAPL"));
        assertThat(decision.code()).isEqualTo("TRADING_REDUCING");
        assertThat(decision.message()).startsWith("trading is REDUCING (global: end of day, since");
        assertThat(desk.check(sell(101, "AAPL")).approved()).isFalse();
    }

    @Test
    void aPortfolioCanBeHaltedAlone() {
        killSwitch.set(PortfolioId.of("alpha"), TradingState.HALTED, "limit breach");

        assertThat(desk.check(forPortfolio(buy(1, "AAPL"), "alpha")).message())
                .startsWith("trading is HALTED (portfolio alpha: limit breach");
        assertThat(desk.check(buy(1, "AAPL")).approved()).isTrue();
        assertThat(killSwitch.describe()).isEqualTo("trading ACTIVE, alpha HALTED");
    }

    @Test
    void theMoreRestrictiveOfGlobalAndPortfolioWins() {
        killSwitch.set(PortfolioId.of("alpha"), TradingState.REDUCING, "");
        killSwitch.setGlobal(TradingState.HALTED, "exchange outage");

        assertThat(killSwitch.status(PortfolioId.of("alpha")).state()).isEqualTo(TradingState.HALTED);

        killSwitch.setGlobal(TradingState.ACTIVE, "");
        assertThat(killSwitch.status(PortfolioId.of("alpha")).state()).isEqualTo(TradingState.REDUCING);

        killSwitch.set(PortfolioId.of("alpha"), TradingState.ACTIVE, "");
        assertThat(killSwitch.statuses()).hasSize(1);
    }

    @Test
    void everyChangeIsPersistedWithARisingRevision() {
        clock.advance(Duration.ofMinutes(5));
        killSwitch.setGlobal(TradingState.HALTED, "outage");
        killSwitch.set(PortfolioId.of("alpha"), TradingState.REDUCING, "review");

        assertThat(persisted).hasSize(2);
        assertThat(persisted.get(1)).containsEntry("state", "HALTED").containsEntry("reason", "outage")
                .containsEntry("since", Desk.OPEN.plus(Duration.ofMinutes(5)).toString())
                .containsEntry("portfolio.alpha.state", "REDUCING").containsEntry("portfolio.alpha.reason", "review")
                .containsEntry("revision", "2");
    }

    @Test
    void aRestartWithThePersistedConfigurationComesBackHaltedSinceTheOriginalTime() {
        killSwitch.setGlobal(TradingState.HALTED, "outage");
        Map<String, String> saved = persisted.get(0);

        KillSwitch restarted = new KillSwitch(new MutableClock(Desk.OPEN.plus(Duration.ofHours(1))));
        restarted.configure(saved);

        assertThat(restarted.global()).isEqualTo(new TradingStatus(null, TradingState.HALTED, "outage", Desk.OPEN));
    }

    @Test
    void editingTheFileAppliesTheNewState() {
        Map<String, Object> file = new HashMap<>(Map.of("state", "reducing", "reason", "edited by hand",
                "portfolio.beta.state", "HALTED"));

        killSwitch.configure(file);

        assertThat(killSwitch.global().state()).isEqualTo(TradingState.REDUCING);
        assertThat(killSwitch.status(PortfolioId.of("beta")).state()).isEqualTo(TradingState.HALTED);
    }

    @Test
    void aLateEchoOfAnOlderWriteIsIgnored() {
        killSwitch.setGlobal(TradingState.HALTED, "first");
        killSwitch.setGlobal(TradingState.ACTIVE, "resume");

        killSwitch.configure(persisted.get(0)); // revision 1 arrives after revision 2 was set

        assertThat(killSwitch.global().state()).isEqualTo(TradingState.ACTIVE);
    }

    @Test
    void anInvalidStateInTheFileChangesNothing() {
        killSwitch.setGlobal(TradingState.REDUCING, "");

        assertThatThrownBy(() -> killSwitch.configure(Map.of("state", "PAUSED", "revision", "5")))
                .hasMessageContaining("state = 'PAUSED': must be ACTIVE, REDUCING or HALTED");
        assertThat(killSwitch.global().state()).isEqualTo(TradingState.REDUCING);
    }
}
