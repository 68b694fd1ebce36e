package org.nautilus.risk.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.nautilus.risk.internal.support.Orders.buy;
import static org.nautilus.risk.internal.support.Orders.buyLimit;
import static org.nautilus.risk.internal.support.Orders.sellLimit;

import java.math.BigDecimal;
import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.FixedPoint;
import org.nautilus.risk.internal.support.Desk;
import org.nautilus.risk.rule.pricecollar.internal.PriceCollarRule;

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

    @Test
    void aCollarWithMoreThanEightDecimalsIsStillExact() {
        Desk fine = new Desk(new PriceCollarRule(PriceCollarRule.Limits.of("0.000000001")))
                .equity("AAPL", "100000000");
        // 0.000000001 % of 100,000,000 is 0.001: 100000000.001 is inside, one raw unit more is outside
        assertThat(fine.check(buyLimit(1, "AAPL", "100000000.001")).approved()).isTrue();
        assertThat(fine.check(buyLimit(1, "AAPL", "100000000.00100001")).approved()).isFalse();
    }

    /**
     * The long arithmetic decides as the exact decimal formula |limit - mark| × 100 &le; pct × mark does, near
     * the edge of the collar (a few raw units either side) and anywhere.
     */
    @Property(tries = 1000)
    void decidesAsTheExactDecimalFormula(@ForAll @LongRange(min = 1, max = 1_000_000_000_000_000L) long markRaw,
            @ForAll @IntRange(min = 1, max = 10_000) int pctHundredths,
            @ForAll @IntRange(min = -3, max = 3) int delta,
            @ForAll @LongRange(min = 1, max = 2_000_000_000_000_000L) long anywhere,
            @ForAll boolean nearEdge, @ForAll boolean above) {
        BigDecimal pct = BigDecimal.valueOf(pctHundredths, 2);
        long edge = BigInteger.valueOf(markRaw).multiply(BigInteger.valueOf(pctHundredths))
                .divide(BigInteger.valueOf(10_000)).longValueExact();
        long limitRaw = nearEdge ? Math.max(1, (above ? markRaw + edge : markRaw - edge) + delta) : anywhere;
        Desk d = new Desk(new PriceCollarRule(PriceCollarRule.Limits.of(pct.toPlainString())))
                .equity("AAPL", FixedPoint.format(markRaw));
        boolean expected = FixedPoint.toBigDecimal(limitRaw - markRaw).abs().multiply(BigDecimal.valueOf(100))
                .compareTo(pct.multiply(FixedPoint.toBigDecimal(markRaw))) <= 0;
        String limit = FixedPoint.format(limitRaw);
        var decision = d.check(above ? sellLimit(1, "AAPL", limit) : buyLimit(1, "AAPL", limit));
        assertThat(decision.approved()).isEqualTo(expected);
    }
}
