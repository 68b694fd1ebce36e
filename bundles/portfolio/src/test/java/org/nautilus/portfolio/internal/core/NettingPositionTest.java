package org.nautilus.portfolio.internal.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.nautilus.portfolio.internal.core.Fills.buy;
import static org.nautilus.portfolio.internal.core.Fills.fold;
import static org.nautilus.portfolio.internal.core.Fills.sell;

import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Money;
import org.nautilus.api.domain.Position;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;

class NettingPositionTest {

    @Test
    void a_BUY_of_10_at_100_opens_a_long_of_10_at_100() {
        Position position = fold(buy("10", "100"));

        assertThat(position.quantity()).isEqualTo(Quantity.ofWhole(10));
        assertThat(position.averagePrice()).isEqualTo(Price.ofWhole(100));
        assertThat(position.realizedPnl()).isEqualTo(Money.ZERO);
        assertThat(position.fillCount()).isEqualTo(1);
    }

    @Test
    void adding_to_a_long_averages_the_entry_price() {
        Position position = fold(buy("10", "100"), buy("30", "104"));

        assertThat(position.quantity()).isEqualTo(Quantity.ofWhole(40));
        assertThat(position.averagePrice()).isEqualTo(Price.of("103"));
    }

    @Test
    void an_average_that_is_not_exact_is_rounded_half_even_to_8_decimals() {
        Position position = fold(buy("1", "1"), buy("2", "2"));

        // 5 / 3 = 1.666666666...
        assertThat(position.averagePrice()).isEqualTo(Price.of("1.66666667"));
    }

    @Test
    void selling_part_of_a_long_realizes_the_difference_and_keeps_the_average() {
        Position position = fold(buy("10", "100"), sell("4", "105.50"));

        assertThat(position.quantity()).isEqualTo(Quantity.ofWhole(6));
        assertThat(position.averagePrice()).isEqualTo(Price.ofWhole(100));
        assertThat(position.realizedPnl()).isEqualTo(Money.of("22"));
    }

    @Test
    void closing_a_long_leaves_a_flat_position_with_no_average() {
        Position position = fold(buy("10", "100"), sell("10", "99"));

        assertThat(position.isFlat()).isTrue();
        assertThat(position.averagePrice()).isEqualTo(Price.ZERO);
        assertThat(position.realizedPnl()).isEqualTo(Money.of("-10"));
    }

    @Test
    void selling_more_than_the_long_flips_to_a_short_at_the_fill_price() {
        Position position = fold(buy("10", "100"), sell("25", "110"));

        assertThat(position.quantity()).isEqualTo(Quantity.ofWhole(-15));
        assertThat(position.averagePrice()).isEqualTo(Price.ofWhole(110));
        assertThat(position.realizedPnl()).isEqualTo(Money.of("100"));
    }

    @Test
    void a_short_covered_lower_makes_money() {
        Position position = fold(sell("5", "50"), buy("2", "45.25"));

        assertThat(position.quantity()).isEqualTo(Quantity.ofWhole(-3));
        assertThat(position.averagePrice()).isEqualTo(Price.ofWhole(50));
        assertThat(position.realizedPnl()).isEqualTo(Money.of("9.5"));
        assertThat(position.unrealizedPnl(Price.ofWhole(48))).isEqualTo(Money.of("6"));
    }

    @Test
    void buying_more_than_the_short_flips_to_a_long() {
        Position position = fold(sell("5", "50"), buy("8", "52"));

        assertThat(position.quantity()).isEqualTo(Quantity.ofWhole(3));
        assertThat(position.averagePrice()).isEqualTo(Price.ofWhole(52));
        assertThat(position.realizedPnl()).isEqualTo(Money.of("-10"));
    }

    @Test
    void commissions_add_up_whatever_the_side_and_rebates_reduce_them() {
        Position position = fold(Fills.fill(Side.BUY, "10", "100", "1.25"), Fills.fill(Side.SELL, "10", "101", "1.25"),
                Fills.fill(Side.BUY, "1", "100", "-0.10"));

        assertThat(position.commissions()).isEqualTo(Money.of("2.4"));
        assertThat(position.realizedPnl()).isEqualTo(Money.of("10"));
    }

    @Test
    void fractional_quantities_are_exact() {
        Position position = fold(buy("0.125", "64000"), buy("0.375", "64400"), sell("0.1", "65000"));

        assertThat(position.quantity()).isEqualTo(Quantity.of("0.4"));
        assertThat(position.averagePrice()).isEqualTo(Price.of("64300"));
        assertThat(position.realizedPnl()).isEqualTo(Money.of("70"));
    }

    @Test
    void a_fill_of_another_instrument_is_a_programming_error() {
        var other = Fills.fill(Fills.MAIN, InstrumentId.of("MSFT"), Side.BUY, Quantity.ofWhole(1), Price.ofWhole(1),
                Money.ZERO);

        assertThatThrownBy(() -> NettingPosition.apply(Fills.flat(), other))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MSFT");
    }
}
