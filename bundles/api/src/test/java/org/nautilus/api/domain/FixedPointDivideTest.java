package org.nautilus.api.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.RoundingMode;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link FixedPoint#divide}'s long fast path must give exactly what the BigDecimal definition gives. */
class FixedPointDivideTest {

    /** The definition: a / b rounded half-even to 8 decimals, or an ArithmeticException. */
    private static long reference(long a, long b) {
        return FixedPoint.toBigDecimal(a).divide(FixedPoint.toBigDecimal(b), FixedPoint.SCALE, RoundingMode.HALF_EVEN)
                .unscaledValue().longValueExact();
    }

    /** {@code true} if a quotient was compared, {@code false} if both sides overflowed. */
    private static boolean same(long a, long b) {
        Long expected;
        try {
            expected = reference(a, b);
        } catch (ArithmeticException e) {
            expected = null;
        }
        if (expected == null) {
            assertThatThrownBy(() -> FixedPoint.divide(a, b)).as("%d / %d", a, b)
                    .isInstanceOf(ArithmeticException.class);
            return false;
        }
        assertThat(FixedPoint.divide(a, b)).as("%d / %d", a, b).isEqualTo(expected);
        return true;
    }

    @Test
    void random_operands_of_every_magnitude_match_the_big_decimal_definition() {
        Random random = new Random(42);
        int compared = 0;
        int overflowed = 0;
        for (int i = 0; i < 400_000; i++) {
            long a = random.nextLong() >> random.nextInt(64);
            long b = random.nextLong() >> random.nextInt(64);
            if (b == 0) {
                continue;
            }
            if (same(a, b)) {
                compared++;
            } else {
                overflowed++;
            }
        }
        // The stream must test quotients, not mostly agree that both sides overflow (and the reverse).
        assertThat(compared).as("quotients compared").isGreaterThan(200_000);
        assertThat(overflowed).as("overflows compared").isGreaterThan(10_000);
    }

    @Test
    void average_prices_of_realistic_fills_match() {
        Random random = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            long quantity = FixedPoint.ofWhole(1 + random.nextInt(100_000));
            long price = 1 + (long) (random.nextDouble() * FixedPoint.ofWhole(10_000));
            long notional = FixedPoint.multiply(quantity, price) + random.nextInt(3) - 1;
            same(notional, quantity);
            same(-notional, quantity);
        }
    }

    @Test
    void exact_halves_round_to_even_in_both_signs() {
        // 1e-8 / 2 = 0.5e-8 -> 0; 3e-8 / 2 = 1.5e-8 -> 2e-8; the result's sign does not change the rounding.
        assertThat(FixedPoint.divide(1, FixedPoint.ofWhole(2))).isZero();
        assertThat(FixedPoint.divide(3, FixedPoint.ofWhole(2))).isEqualTo(2);
        assertThat(FixedPoint.divide(-3, FixedPoint.ofWhole(2))).isEqualTo(-2);
        assertThat(FixedPoint.divide(5, FixedPoint.ofWhole(-2))).isEqualTo(-2);
        assertThat(FixedPoint.divide(FixedPoint.ofWhole(10), FixedPoint.ofWhole(4))).isEqualTo(250_000_000L);
        for (long a = -1000; a <= 1000; a++) {
            for (long b : new long[] {1, 2, 3, 4, 7, 8, 16, 100_000_000L, 200_000_000L, -2, -3, -400_000_000L}) {
                same(a, b);
            }
        }
    }

    @Test
    void edges_fall_back_to_the_exact_path() {
        long[] edges = {Long.MIN_VALUE, Long.MIN_VALUE + 1, Long.MAX_VALUE, Long.MAX_VALUE - 1, -1, 1,
                Long.MAX_VALUE / 10_000L, Long.MAX_VALUE / 10_000L + 1, Long.MAX_VALUE / FixedPoint.ONE,
                (Long.MAX_VALUE / FixedPoint.ONE - 1) * FixedPoint.ONE, FixedPoint.ONE, -FixedPoint.ONE};
        for (long a : edges) {
            for (long b : edges) {
                same(a, b);
                same(a, b / 3 == 0 ? 1 : b / 3);
            }
        }
        assertThatThrownBy(() -> FixedPoint.divide(1, 0)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> FixedPoint.divide(Long.MAX_VALUE, 1)).isInstanceOf(ArithmeticException.class);
        // The exact path's answers at the extremes, stated, not only compared with the reference.
        assertThat(FixedPoint.divide(Long.MIN_VALUE, FixedPoint.ONE)).isEqualTo(Long.MIN_VALUE);
        assertThat(FixedPoint.divide(Long.MAX_VALUE, FixedPoint.ONE)).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> FixedPoint.divide(Long.MIN_VALUE, -FixedPoint.ONE)).as("-MIN does not fit")
                .isInstanceOf(ArithmeticException.class);
        assertThat(FixedPoint.divide(FixedPoint.ofWhole(1), FixedPoint.ofWhole(3))).isEqualTo(33_333_333L);
        assertThat(FixedPoint.divide(FixedPoint.ofWhole(2), FixedPoint.ofWhole(3))).isEqualTo(66_666_667L);
    }
}
