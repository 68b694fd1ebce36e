package org.nautilus.portfolio.internal.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.Money;
import org.nautilus.api.domain.Position;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;

/** Invariants of the netting position over random fill streams. */
class NettingPositionPropertyTest {

    @Property(tries = 500)
    void quantity_commissions_and_count_are_exactly_the_sums_of_the_fills(
            @ForAll("fills") @Size(max = 60) List<Fill> fills) {
        Position position = fold(fills);

        long quantity = 0;
        long commissions = 0;
        for (Fill fill : fills) {
            quantity += fill.signedQuantity().raw();
            commissions += fill.commission().raw();
        }
        assertThat(position.quantity()).isEqualTo(new Quantity(quantity));
        assertThat(position.commissions()).isEqualTo(new Money(commissions));
        assertThat(position.fillCount()).isEqualTo(fills.size());
    }

    @Property(tries = 500)
    void a_flat_position_has_no_average_and_an_open_one_a_positive_average(
            @ForAll("fills") @Size(max = 60) List<Fill> fills) {
        Position position = Fills.flat();
        for (Fill fill : fills) {
            position = NettingPosition.apply(position, fill);
            if (position.isFlat()) {
                assertThat(position.averagePrice()).isEqualTo(Price.ZERO);
            } else {
                assertThat(position.averagePrice().isPositive()).isTrue();
            }
        }
    }

    /**
     * Cash is conserved: realized + unrealized P&amp;L at any mark equals the cash the fills paid and received plus
     * the open quantity at the mark. Exact but for the half-even rounding of the average (at most half of
     * 10^-8 per unit of open quantity, once per fill that adds to the position).
     */
    @Property(tries = 500)
    void pnl_equals_the_cash_flows_of_the_fills_plus_the_open_quantity_at_the_mark(
            @ForAll("fills") @Size(max = 60) List<Fill> fills, @ForAll("prices") Price mark) {
        Position position = fold(fills);

        BigDecimal cash = BigDecimal.ZERO;
        BigDecimal maxOpen = BigDecimal.ZERO;
        BigDecimal open = BigDecimal.ZERO;
        for (Fill fill : fills) {
            cash = cash.subtract(fill.signedQuantity().toBigDecimal().multiply(fill.price().toBigDecimal()));
            open = open.add(fill.signedQuantity().toBigDecimal());
            maxOpen = maxOpen.max(open.abs());
        }
        BigDecimal expected = cash.add(position.quantity().toBigDecimal().multiply(mark.toBigDecimal()));
        BigDecimal actual = position.realizedPnl().toBigDecimal().add(position.quantity().toBigDecimal()
                .multiply(mark.toBigDecimal().subtract(position.averagePrice().toBigDecimal())));
        BigDecimal tolerance = maxOpen.multiply(new BigDecimal("0.000000005"))
                .multiply(BigDecimal.valueOf(fills.size())).add(new BigDecimal("0.00000001")
                        .multiply(BigDecimal.valueOf(fills.size())));
        assertThat(actual.subtract(expected, MathContext.DECIMAL128).abs()).isLessThanOrEqualTo(tolerance);
    }

    @Property(tries = 300)
    void fills_at_one_price_never_realize_anything(@ForAll("sides") List<Side> sides, @ForAll("prices") Price price) {
        Position position = Fills.flat();
        for (Side side : sides) {
            position = NettingPosition.apply(position, Fills.fill(Fills.MAIN, Fills.AAPL, side, Quantity.ofWhole(3),
                    price, Money.ZERO));
        }
        assertThat(position.realizedPnl()).isEqualTo(Money.ZERO);
    }

    @Provide
    Arbitrary<List<Fill>> fills() {
        Arbitrary<Side> side = Arbitraries.of(Side.class);
        Arbitrary<Quantity> quantity = Arbitraries.longs().between(1, 5_000_000).map(q -> new Quantity(q * 1_000L));
        Arbitrary<Money> commission = Arbitraries.longs().between(-100, 10_000).map(c -> new Money(c * 10_000L));
        return Combinators.combine(side, quantity, prices(), commission)
                .as((s, q, p, c) -> Fills.fill(Fills.MAIN, Fills.AAPL, s, q, p, c))
                .list();
    }

    @Provide
    Arbitrary<Price> prices() {
        return Arbitraries.longs().between(1, 2_000_000).map(cents -> new Price(cents * 1_000_000L));
    }

    @Provide
    Arbitrary<List<Side>> sides() {
        return Arbitraries.of(Side.class).list().ofMaxSize(40);
    }

    private static Position fold(List<Fill> fills) {
        Position position = Fills.flat();
        for (Fill fill : fills) {
            position = NettingPosition.apply(position, fill);
        }
        return position;
    }
}
