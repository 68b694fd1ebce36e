package org.nautilus.risk.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.FixedPoint;

class NumbersTest {

    @Test
    void fourDigitNumbersAreNotGroupedLargerOnesAre() {
        assertThat(Numbers.format(FixedPoint.ofWhole(1000))).isEqualTo("1000");
        assertThat(Numbers.format(FixedPoint.ofWhole(9999))).isEqualTo("9999");
        assertThat(Numbers.format(FixedPoint.ofWhole(10_000))).isEqualTo("10,000");
        assertThat(Numbers.format(FixedPoint.ofWhole(1_250_000))).isEqualTo("1,250,000");
        assertThat(Numbers.format(FixedPoint.parse("-62000.5"))).isEqualTo("-62,000.5");
        assertThat(Numbers.format(FixedPoint.parse("0.00000001"))).isEqualTo("0.00000001");
        assertThat(Numbers.format(new BigDecimal("4.20"))).isEqualTo("4.2");
    }

    @Property
    void formattingIsExact(@ForAll @LongRange(min = -1_000_000_000_000_000L, max = 1_000_000_000_000_000L) long raw) {
        assertThat(FixedPoint.parse(Numbers.format(raw).replace(",", ""))).isEqualTo(raw);
    }

    @Property(tries = 2000)
    void productsCompareAsTheirExactValues(@ForAll long a, @ForAll long b, @ForAll long c, @ForAll long d) {
        int expected = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b))
                .compareTo(BigInteger.valueOf(c).multiply(BigInteger.valueOf(d)));
        assertThat(Integer.signum(Numbers.compareProducts(a, b, c, d))).isEqualTo(expected);
    }

    @Test
    void productsThatOverflowALongStillCompare() {
        long big = Long.MAX_VALUE;
        assertThat(Numbers.compareProducts(big, 2, big, 3)).isNegative();
        assertThat(Numbers.compareProducts(big, big, big, big)).isZero();
        assertThat(Numbers.compareProducts(-big, 2, 1, 1)).isNegative();
        assertThat(Numbers.compareProducts(Long.MIN_VALUE, -1, Long.MAX_VALUE, 1)).isPositive();
    }
}
