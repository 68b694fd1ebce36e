package org.nautilus.risk.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
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
}
