package org.nautilus.risk.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.nautilus.risk.internal.support.Orders.buy;
import static org.nautilus.risk.internal.support.Orders.forPortfolio;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nautilus.risk.internal.support.Desk;
import org.nautilus.risk.rule.symbolallowlist.internal.SymbolAllowlistRule;

class SymbolAllowlistRuleTest {

    private final SymbolAllowlistRule rule = new SymbolAllowlistRule(SymbolAllowlistRule.Limits.of("*",
            Map.of("portfolio.alpha.symbols", "AAPL, MSFT")));
    private final Desk desk = new Desk(rule).equity("AAPL", "190").equity("MSFT", "400").equity("TSLA", "250");

    @Test
    void portfolioAlphaMayNotBuyTsla() {
        var decision = desk.check(forPortfolio(buy(10, "TSLA"), "alpha"));

        assertThat(decision.code()).isEqualTo("SYMBOL_NOT_ALLOWED");
        assertThat(decision.message()).isEqualTo("TSLA is not on the allowlist of portfolio alpha (AAPL, MSFT)");
    }

    @Test
    void portfolioAlphaMayBuyAapl() {
        assertThat(desk.check(forPortfolio(buy(10, "AAPL"), "alpha")).approved()).isTrue();
    }

    @Test
    void withStarEveryDefinedInstrumentIsAllowedButAnUnknownSymbolIsNot() {
        assertThat(desk.check(buy(10, "TSLA")).approved()).isTrue();

        var decision = desk.check(buy(10, "APPL"));
        assertThat(decision.code()).isEqualTo("UNKNOWN_INSTRUMENT");
        assertThat(decision.message()).isEqualTo("APPL is not an instrument the market data gateway defines");
    }

    @Test
    void anEmptyListIsAConfigurationError() {
        assertThatThrownBy(() -> SymbolAllowlistRule.Limits.of(" , ", Map.of()))
                .hasMessageContaining("symbols = ',': list the allowed symbols");
    }

    @Test
    void describeShowsTheListsPerPortfolio() {
        assertThat(rule.describe()).isEqualTo("symbols * (every defined instrument) (alpha: AAPL, MSFT)");
    }
}
