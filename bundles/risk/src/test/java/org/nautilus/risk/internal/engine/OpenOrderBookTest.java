package org.nautilus.risk.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nautilus.risk.internal.support.Orders.buyLimit;
import static org.nautilus.risk.internal.support.Orders.forPortfolio;
import static org.nautilus.risk.internal.support.Orders.sellLimit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
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

    /**
     * Whatever the sequence of changes (new orders, fills, terminal states, repeats, orders created at the
     * same instant), every bucket lists exactly the working orders, each in its latest version, oldest first
     * (creation time, then id): what a map of the latest versions, filtered and sorted, gives.
     */
    @Property(tries = 300)
    void everyBucketIsTheSortedLatestVersionOfTheWorkingOrders(
            @ForAll @Size(max = 60) List<@IntRange(min = 0, max = 9999) Integer> changes) {
        OpenOrderBook book = new OpenOrderBook();
        Map<OrderId, Order> latest = new HashMap<>();
        Map<Integer, OrderRequest> requests = new HashMap<>();
        String[] portfolios = {"main", "alpha"};
        String[] symbols = {"AAPL", "MSFT"};
        OrderStatus[] statuses = {OrderStatus.SUBMITTED, OrderStatus.ACCEPTED, OrderStatus.PARTIALLY_FILLED,
                OrderStatus.FILLED, OrderStatus.CANCELED, OrderStatus.ACCEPTED};
        for (int change : changes) {
            int id = change % 8;
            OrderRequest request = requests.computeIfAbsent(id, k -> forPortfolio(
                    (k % 2 == 0 ? buyLimit(10, symbols[(k / 2) % 2], "189")
                            : sellLimit(10, symbols[(k / 2) % 2], "191")),
                    portfolios[(k / 4) % 2]));
            OrderStatus status = statuses[(change / 8) % statuses.length];
            Order order = new Order(OrderId.of(id + 1), request, status,
                    status == OrderStatus.PARTIALLY_FILLED ? Quantity.ofWhole(1 + (change / 48) % 9) : Quantity.ZERO,
                    null, null, null, T.plusMillis((id * 7) % 3), T.plusMillis(change));
            book.onOrder(order);
            if (status.isTerminal()) {
                latest.remove(order.id());
            } else {
                latest.put(order.id(), order);
            }
        }
        for (String p : portfolios) {
            PortfolioId portfolio = PortfolioId.of(p);
            assertThat(book.openOrders(portfolio)).containsExactlyElementsOf(
                    expected(latest, o -> o.portfolioId().equals(portfolio)));
            for (String s : symbols) {
                InstrumentId instrument = InstrumentId.of(s);
                assertThat(book.openOrders(portfolio, instrument)).containsExactlyElementsOf(expected(latest,
                        o -> o.portfolioId().equals(portfolio) && o.instrumentId().equals(instrument)));
            }
        }
        for (String s : symbols) {
            InstrumentId instrument = InstrumentId.of(s);
            assertThat(book.openOrders(instrument)).containsExactlyElementsOf(
                    expected(latest, o -> o.instrumentId().equals(instrument)));
        }
        assertThat(book.size()).isEqualTo(latest.size());
    }

    private static List<Order> expected(Map<OrderId, Order> latest, Predicate<Order> bucket) {
        List<Order> orders = new ArrayList<>();
        for (Order o : latest.values()) {
            if (bucket.test(o)) {
                orders.add(o);
            }
        }
        orders.sort(Comparator.comparing(Order::createdAt).thenComparing(Order::id));
        return orders;
    }

    private static Order order(long id, OrderRequest request, OrderStatus status, Instant created) {
        return new Order(OrderId.of(id), request, status, Quantity.ZERO, null, null, null, created, created);
    }
}
