package org.nautilus.risk.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nautilus.risk.internal.support.Orders.buyLimit;
import static org.nautilus.risk.internal.support.Orders.forPortfolio;
import static org.nautilus.risk.internal.support.Orders.sellLimit;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Quantity;

class OpenOrderBookTest {

    private static final Instant T = Instant.parse("2025-03-03T14:30:00Z");
    private static final PortfolioId MAIN = PortfolioId.of("main");
    private static final InstrumentId AAPL = InstrumentId.of("AAPL");

    private final OpenOrderBook book = new OpenOrderBook();

    @Test
    void workingOrdersAreListedOldestFirstPerPortfolioInstrumentAndBoth() {
        Order second = order(2, buyLimit(10, "AAPL", "189"), OrderStatus.ACCEPTED, T.plusSeconds(1));
        Order first = order(1, sellLimit(10, "AAPL", "191"), OrderStatus.SUBMITTED, T);
        Order other = order(3, forPortfolio(buyLimit(5, "AAPL", "188"), "alpha"), OrderStatus.ACCEPTED, T);
        Order msft = order(4, buyLimit(5, "MSFT", "400"), OrderStatus.ACCEPTED, T);
        book.onOrder(second);
        book.onOrder(first);
        book.onOrder(other);
        book.onOrder(msft);

        assertThat(book.openOrders(MAIN, AAPL)).containsExactly(first, second);
        assertThat(book.openOrders(AAPL)).containsExactly(first, other, second);
        assertThat(book.openOrders(MAIN)).containsExactly(first, msft, second);
        assertThat(book.size()).isEqualTo(4);
    }

    @Test
    void aChangeReplacesTheOrderAndATerminalStateDropsIt() {
        Order working = order(1, buyLimit(10, "AAPL", "189"), OrderStatus.ACCEPTED, T);
        book.onOrder(working);
        Order partly = new Order(working.id(), working.request(), OrderStatus.PARTIALLY_FILLED, Quantity.ofWhole(4),
                null, null, null, T, T.plusSeconds(1));
        book.onOrder(partly);

        assertThat(book.openOrders(MAIN, AAPL)).containsExactly(partly);

        book.onOrder(new Order(working.id(), working.request(), OrderStatus.CANCELED, Quantity.ofWhole(4), null,
                null, null, T, T.plusSeconds(2)));
        assertThat(book.openOrders(MAIN, AAPL)).isEmpty();
        assertThat(book.openOrders(AAPL)).isEmpty();
        assertThat(book.size()).isZero();
    }

    @Test
    void aTerminalOrderNeverSeenWorkingLeavesNoTrace() {
        book.onOrder(order(9, buyLimit(10, "TSLA", "250"), OrderStatus.DENIED, T));

        assertThat(book.openOrders(InstrumentId.of("TSLA"))).isEmpty();
        assertThat(book.size()).isZero();
    }

    private static Order order(long id, OrderRequest request, OrderStatus status, Instant created) {
        return new Order(OrderId.of(id), request, status, Quantity.ZERO, null, null, null, created, created);
    }
}
