package org.nautilus.risk.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nautilus.risk.internal.support.Orders.buy;
import static org.nautilus.risk.internal.support.Orders.buyLimit;
import static org.nautilus.risk.internal.support.Orders.sellLimit;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.Instrument;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.risk.internal.support.Desk;
import org.nautilus.risk.rule.maxnotional.internal.MaxNotionalRule;

class MaxNotionalRuleTest {

    private final Desk desk = new Desk(new MaxNotionalRule(MaxNotionalRule.Limits.of("1_000_000", Map.of())))
            .equity("AAPL", "250").equity("MSFT", null);

    @Test
    void aBuyOf5000AaplAt250IsDeniedMaxNotional1000000UsdExceeded() {
        var decision = desk.check(buyLimit(5000, "AAPL", "250"));

        assertThat(decision.code()).isEqualTo("MAX_NOTIONAL");
        assertThat(decision.message()).isEqualTo("max notional 1,000,000 USD exceeded: 1,250,000");
    }

    @Test
    void exactly1000000IsApproved() {
        assertThat(desk.check(sellLimit(4000, "AAPL", "250")).approved()).isTrue();
    }

    @Test
    void aMarketOrderIsValuedAtTheMark() {
        assertThat(desk.check(buy(4001, "AAPL")).message()).isEqualTo("max notional 1,000,000 USD exceeded: 1,000,250");
    }

    @Test
    void aMarketOrderWithoutAMarkCannotBeValuedAndIsDenied() {
        var decision = desk.check(buy(1, "MSFT"));

        assertThat(decision.code()).isEqualTo("NO_PRICE");
        assertThat(decision.message())
                .isEqualTo("no price to value a MARKET order in MSFT: no last trade or quote yet");
    }

    @Test
    void theContractMultiplierCounts() {
        desk.market.define(new Instrument(InstrumentId.of("ESH5"), "USD", Price.of("0.25"), Quantity.ofWhole(1),
                Quantity.ofWhole(1), Quantity.ofWhole(1000), Quantity.ofWhole(50)));

        var decision = desk.check(buyLimit(4, "ESH5", "5800.25"));

        assertThat(decision.message()).isEqualTo("max notional 1,000,000 USD exceeded: 1,160,050");
    }
}
