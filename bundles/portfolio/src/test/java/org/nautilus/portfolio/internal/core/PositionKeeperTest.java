package org.nautilus.portfolio.internal.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nautilus.portfolio.internal.core.Fills.AAPL;
import static org.nautilus.portfolio.internal.core.Fills.MAIN;
import static org.nautilus.portfolio.internal.core.Fills.buy;
import static org.nautilus.portfolio.internal.core.Fills.sell;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Money;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Position;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;
import org.nautilus.api.portfolio.PositionValuation;
import org.nautilus.testsupport.MemoryPositionStore;

class PositionKeeperTest {

    private final MemoryPositionStore store = new MemoryPositionStore();
    private final PositionKeeper keeper = new PositionKeeper(store);

    @Test
    void every_fill_updates_the_position_and_stores_it() {
        keeper.apply(buy("10", "100"));
        Position after = keeper.apply(sell("4", "101"));

        assertThat(keeper.position(MAIN, AAPL)).contains(after);
        assertThat(store.saved()).containsExactly(after);
        assertThat(store.saves()).isEqualTo(2);
        assertThat(after.quantity()).isEqualTo(Quantity.ofWhole(6));
    }

    @Test
    void positions_are_listed_by_portfolio_then_instrument() {
        PortfolioId alpha = PortfolioId.of("alpha");
        InstrumentId msft = InstrumentId.of("MSFT");
        keeper.apply(Fills.fill(MAIN, msft, Side.BUY, Quantity.ofWhole(1), Price.ofWhole(300), Money.ZERO));
        keeper.apply(Fills.fill(alpha, msft, Side.BUY, Quantity.ofWhole(1), Price.ofWhole(300), Money.ZERO));
        keeper.apply(buy("1", "100"));

        assertThat(keeper.positions()).extracting(p -> p.portfolioId() + "/" + p.instrumentId())
                .containsExactly("alpha/MSFT", "main/AAPL", "main/MSFT");
        assertThat(keeper.positions(alpha)).hasSize(1);
        assertThat(keeper.position(alpha, AAPL)).isEmpty();
    }

    @Test
    void a_restarted_keeper_loads_the_stored_positions_and_continues_from_them() {
        keeper.apply(buy("10", "100"));
        keeper.apply(buy("10", "102"));

        PositionKeeper restarted = new PositionKeeper(store);
        assertThat(restarted.load()).isEqualTo(1);
        Position continued = restarted.apply(sell("5", "103"));

        assertThat(continued.quantity()).isEqualTo(Quantity.ofWhole(15));
        assertThat(continued.realizedPnl()).isEqualTo(Money.of("10"));
        assertThat(continued.fillCount()).isEqualTo(3);
    }

    @Test
    void positions_are_valued_at_the_mark_and_without_one_have_no_unrealized_pnl() {
        keeper.apply(Fills.fill(Side.BUY, "10", "100", "2"));
        keeper.apply(Fills.fill(Side.SELL, "4", "103", "1"));
        keeper.apply(Fills.fill(MAIN, InstrumentId.of("MSFT"), Side.SELL, Quantity.ofWhole(2), Price.ofWhole(300),
                Money.ZERO));

        var valuations = PositionValuation.atMarks(keeper.positions(MAIN),
                id -> id.equals(AAPL) ? Optional.of(Price.of("101.5")) : Optional.empty());

        assertThat(valuations).hasSize(2);
        var aapl = valuations.get(0);
        assertThat(aapl.mark()).isEqualTo(Price.of("101.5"));
        assertThat(aapl.unrealizedPnl()).isEqualTo(Money.of("9"));
        // realized 12 + unrealized 9 - commissions 3
        assertThat(aapl.totalPnl()).isEqualTo(Money.of("18"));
        var msft = valuations.get(1);
        assertThat(msft.mark()).isNull();
        assertThat(msft.unrealizedPnl()).isEqualTo(Money.ZERO);
    }

    @Test
    void a_store_failure_keeps_the_position_in_memory_and_saves_it_with_the_next_fill() {
        store.failing(true);
        keeper.apply(buy("10", "100"));
        assertThat(keeper.unsaved()).isEqualTo(1);
        assertThat(keeper.position(MAIN, AAPL)).isPresent();

        store.failing(false);
        keeper.apply(Fills.fill(MAIN, InstrumentId.of("MSFT"), Side.BUY, Quantity.ofWhole(1), Price.ofWhole(1),
                Money.ZERO));

        assertThat(keeper.unsaved()).isZero();
        assertThat(store.load(MAIN, AAPL)).isPresent();
        assertThat(keeper.storeFailures()).isEqualTo(1);
    }
}
