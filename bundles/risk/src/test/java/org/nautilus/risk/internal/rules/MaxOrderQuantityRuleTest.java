package org.nautilus.risk.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nautilus.risk.internal.support.Orders.buy;
import static org.nautilus.risk.internal.support.Orders.forPortfolio;
import static org.nautilus.risk.internal.support.Orders.sell;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nautilus.api.risk.RiskContext;
import org.nautilus.api.risk.RiskDecision;
import org.nautilus.risk.internal.support.Desk;
import org.nautilus.risk.rule.maxorderquantity.internal.MaxOrderQuantityRule;

class MaxOrderQuantityRuleTest {

    private final RiskContext market = new Desk().equity("AAPL", "190").context();
    private final MaxOrderQuantityRule rule = new MaxOrderQuantityRule(
            MaxOrderQuantityRule.Limits.of("1000", Map.of("portfolio.alpha.max.quantity", "250")));

    @Test
    void aBuyOf1500AaplIsDeniedMaxOrderQuantity1000Exceeded() {
        RiskDecision decision = rule.check(buy(1500, "AAPL"), market);

        assertThat(decision.approved()).isFalse();
        assertThat(decision.rule()).isEqualTo("max-order-quantity");
        assertThat(decision.code()).isEqualTo("MAX_ORDER_QUANTITY");
        assertThat(decision.message()).isEqualTo("max order quantity 1000 exceeded: 1500");
    }

    @Test
    void aBuyOfExactly1000AaplIsApproved() {
        assertThat(rule.check(buy(1000, "AAPL"), market).approved()).isTrue();
    }

    @Test
    void aSellIsLimitedLikeABuy() {
        assertThat(rule.check(sell(1001, "AAPL"), market).message())
                .isEqualTo("max order quantity 1000 exceeded: 1001");
    }

    @Test
    void portfolioAlphaHasItsOwnLimitOf250() {
        RiskDecision decision = rule.check(forPortfolio(buy(300, "AAPL"), "alpha"), market);

        assertThat(decision.message()).isEqualTo("max order quantity 250 exceeded: 300");
        assertThat(rule.check(forPortfolio(buy(250, "AAPL"), "alpha"), market).approved()).isTrue();
    }

    @Test
    void largeNumbersAreGroupedInTheMessage() {
        MaxOrderQuantityRule big = new MaxOrderQuantityRule(MaxOrderQuantityRule.Limits.of("1_000_000", Map.of()));

        assertThat(big.check(buy(1_250_000, "AAPL"), market).message())
                .isEqualTo("max order quantity 1,000,000 exceeded: 1,250,000");
    }

    @Test
    void raisingTheLimitTakesEffectOnTheNextOrder() {
        Map<String, Object> cfg = new HashMap<>();
        rule.configure(() -> MaxOrderQuantityRule.Limits.of("2000", cfg));

        assertThat(rule.check(buy(1500, "AAPL"), market).approved()).isTrue();
        assertThat(rule.describe()).isEqualTo("max order quantity 2000");
    }

    @Test
    void anInvalidLimitChangesNothingAndIsShown() {
        boolean applied = rule.configure(() -> MaxOrderQuantityRule.Limits.of("lots", Map.of()));

        assertThat(applied).isFalse();
        assertThat(rule.check(buy(1500, "AAPL"), market).approved()).isFalse();
        assertThat(rule.describe()).startsWith("max order quantity 1000 (alpha: 250)")
                .contains("config error: max.quantity = 'lots'");
    }

    @Test
    void aRuleThatWasNeverConfiguredValidlyDeniesEverything() {
        MaxOrderQuantityRule broken = new MaxOrderQuantityRule();
        broken.configure(() -> MaxOrderQuantityRule.Limits.of("-5", Map.of()));

        RiskDecision decision = broken.check(buy(1, "AAPL"), market);

        assertThat(decision.code()).isEqualTo("CONFIG_ERROR");
        assertThat(decision.message()).contains("max.quantity = '-5': must be positive");
    }
}
