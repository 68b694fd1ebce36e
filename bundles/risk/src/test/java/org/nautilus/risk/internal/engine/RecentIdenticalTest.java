package org.nautilus.risk.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.nautilus.api.domain.Instrument;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Money;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Position;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Side;
import org.nautilus.api.risk.RiskContext;
import org.nautilus.api.risk.SubmittedOrder;
import org.nautilus.risk.internal.support.Desk;
import org.nautilus.risk.internal.support.Orders;

/** The engine's answer to {@link RiskContext#recentIdentical} is the API's definition (its default method). */
class RecentIdenticalTest {

    /**
     * Whatever the approved history (orders that differ in side, type, size, price, instrument, portfolio; repeated
     * client order ids; time passing), the engine finds the same previous order as the API's default, which
     * filters {@code recentSubmits}.
     */
    @Property(tries = 300)
    void theEngineAnswersAsTheDefinition(@ForAll @Size(max = 40) List<@IntRange(min = 0, max = 9999) Integer> history,
            @ForAll @IntRange(min = 0, max = 9999) int probe,
            @ForAll @IntRange(min = 0, max = 50) int windowMs) {
        Desk desk = new Desk().equity("AAPL", "190").equity("MSFT", "400");
        RiskContext engine = desk.context();
        RiskContext definition = new Definition(engine);
        for (int h : history) {
            desk.check(request(h));
            desk.advance(Duration.ofMillis(h % 3));
        }
        OrderRequest asked = request(probe);
        Instant since = desk.clock.instant().minusMillis(windowMs);

        Optional<SubmittedOrder> expected = definition.recentIdentical(asked, since);
        assertThat(engine.recentIdentical(asked, since)).isEqualTo(expected);
        for (int h : history) {
            OrderRequest again = request(h);
            assertThat(engine.recentIdentical(again, since)).isEqualTo(definition.recentIdentical(again, since));
        }
    }

    /** A request from a small space, so that identical ones are frequent: the digits pick its fields. */
    private static OrderRequest request(int n) {
        String portfolio = n % 2 == 0 ? "main" : "alpha";
        String symbol = (n / 2) % 2 == 0 ? "AAPL" : "MSFT";
        Side side = (n / 4) % 2 == 0 ? Side.BUY : Side.SELL;
        long quantity = 1 + (n / 8) % 3;
        return switch ((n / 24) % 3) {
            case 0 -> Orders.market(portfolio, side, quantity, symbol);
            case 1 -> Orders.limit(portfolio, side, quantity, symbol, (n / 72) % 2 == 0 ? "190" : "191");
            default -> Orders.limit(portfolio, side, quantity, symbol, "190");
        };
    }

    /** Everything from the engine's context except {@code recentIdentical}, which is the interface's default. */
    private record Definition(RiskContext engine) implements RiskContext {

        @Override
        public Optional<Instrument> instrument(InstrumentId id) {
            return engine.instrument(id);
        }

        @Override
        public Optional<Price> mark(InstrumentId id) {
            return engine.mark(id);
        }

        @Override
        public Position position(PortfolioId portfolio, InstrumentId instrument) {
            return engine.position(portfolio, instrument);
        }

        @Override
        public List<Position> positions(PortfolioId portfolio) {
            return engine.positions(portfolio);
        }

        @Override
        public List<Order> openOrders(PortfolioId portfolio) {
            return engine.openOrders(portfolio);
        }

        @Override
        public List<Order> openOrders(PortfolioId portfolio, InstrumentId instrument) {
            return engine.openOrders(portfolio, instrument);
        }

        @Override
        public List<Order> openOrders(InstrumentId instrument) {
            return engine.openOrders(instrument);
        }

        @Override
        public Money dailyPnl(PortfolioId portfolio) {
            return engine.dailyPnl(portfolio);
        }

        @Override
        public Money equity(PortfolioId portfolio) {
            return engine.equity(portfolio);
        }

        @Override
        public int submitCount(PortfolioId portfolio, Instant since) {
            return engine.submitCount(portfolio, since);
        }

        @Override
        public List<SubmittedOrder> recentSubmits(PortfolioId portfolio, InstrumentId instrument, Instant since) {
            return engine.recentSubmits(portfolio, instrument, since);
        }

        @Override
        public Instant now() {
            return engine.now();
        }
    }
}
