package org.nautilus.portfolio.internal.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The long-division fast path of the weighted average gives exactly what the BigDecimal division gives. */
class WeightedAverageTest {

    private static long reference(long q1, long p1, long q2, long p2) {
        BigInteger numerator = BigInteger.valueOf(q1).multiply(BigInteger.valueOf(p1))
                .add(BigInteger.valueOf(q2).multiply(BigInteger.valueOf(p2)));
        return new BigDecimal(numerator).divide(new BigDecimal(BigInteger.valueOf(q1 + q2)), 0,
                RoundingMode.HALF_EVEN).longValueExact();
    }

    @Property(tries = 5000)
    void equals_the_exact_division(@ForAll("quantities") long q1, @ForAll("prices") long p1,
            @ForAll("quantities") long q2, @ForAll("prices") long p2) {
        assertThat(NettingPosition.weightedAverage(q1, p1, q2, p2)).isEqualTo(reference(q1, p1, q2, p2));
    }

    @Test
    void ties_round_to_even_on_both_sides_of_zero() {
        // (1 × 1 + 1 × 2) / 2 = 1.5 -> 2; (1 × 2 + 1 × 3) / 2 = 2.5 -> 2; and the negatives alike.
        assertThat(NettingPosition.weightedAverage(1, 1, 1, 2)).isEqualTo(2);
        assertThat(NettingPosition.weightedAverage(1, 2, 1, 3)).isEqualTo(2);
        assertThat(NettingPosition.weightedAverage(1, -1, 1, -2)).isEqualTo(-2);
        assertThat(NettingPosition.weightedAverage(1, -2, 1, -3)).isEqualTo(-2);
    }

    @Test
    void a_numerator_beyond_a_long_takes_the_exact_path() {
        long q = 4_000_000_000_000_000L;
        long p = 3_000_000_000L;
        assertThat(NettingPosition.weightedAverage(q, p, q, p + 2)).isEqualTo(p + 1);
        assertThat(NettingPosition.weightedAverage(q, p, 1, p)).isEqualTo(p);
    }

    @Provide
    Arbitrary<Long> quantities() {
        return Arbitraries.oneOf(Arbitraries.longs().between(1, 1_000_000_000_000L),
                Arbitraries.longs().between(1, Long.MAX_VALUE / 4));
    }

    @Provide
    Arbitrary<Long> prices() {
        return Arbitraries.oneOf(Arbitraries.longs().between(-1_000_000_000_000L, 1_000_000_000_000_000L),
                Arbitraries.longs().between(Long.MIN_VALUE / 4, Long.MAX_VALUE / 4));
    }
}
