package org.nautilus.risk.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.nautilus.risk.internal.support.Orders.buy;
import static org.nautilus.risk.internal.support.Orders.buyLimit;
import static org.nautilus.risk.internal.support.Orders.sellLimit;

import org.junit.jupiter.api.Test;
import org.nautilus.risk.internal.support.Desk;

class PriceCollarRuleTest {

    private final Desk desk = new Desk(new PriceCollarRule(PriceCollarRule.Limits.of("5")))
            .equity("AAPL", "190").equity("MSFT", null);

    @Test
    void aBuyLimitAt210WithAaplAt190IsDeniedByThe5PercentCollar() {
        var decision = desk.check(buyLimit(100, "AAPL", "210"));

        assertThat(decision.code()).isEqualTo("PRICE_COLLAR");
        assertThat(decision.message())
                .isEqualTo("price collar 5% around 190 (180.5 to 199.5) exceeded: BUY limit 210 is 10.53% away");
    }

    @Test
    void aSellLimitFarBelowTheMarketIsDeniedToo() {
        assertThat(desk.check(sellLimit(100, "AAPL", "19")).message())
                .endsWith("exceeded: SELL limit 19 is 90% away");
    }

    @Test
    void theEdgesOfTheCollarAreInside() {
        assertThat(desk.check(buyLimit(100, "AAPL", "199.5")).approved()).isTrue();
        assertThat(desk.check(sellLimit(100, "AAPL", "180.5")).approved()).isTrue();
        assertThat(desk.check(buyLimit(100, "AAPL", "199.51")).approved()).isFalse();
    }

    @Test
    void marketOrdersAreNotCollared() {
        assertThat(desk.check(buy(100, "AAPL")).approved()).isTrue();
    }

    @Test
    void withoutAMarkALimitOrderCannotBeCheckedAndIsDenied() {
        var decision = desk.check(buyLimit(100, "MSFT", "400"));

        assertThat(decision.code()).isEqualTo("NO_PRICE");
        assertThat(decision.message())
                .isEqualTo("no last or mid price for MSFT to check the limit price 400 against (price collar 5%)");
    }

    @Test
    void theCollarFollowsTheMarket() {
        desk.mark("AAPL", "205");

        assertThat(desk.check(buyLimit(100, "AAPL", "210")).approved()).isTrue();
    }

    @Test
    void aZeroCollarIsAConfigurationError() {
        assertThatThrownBy(() -> PriceCollarRule.Limits.of("0")).hasMessageContaining("must be positive");
    }
}
