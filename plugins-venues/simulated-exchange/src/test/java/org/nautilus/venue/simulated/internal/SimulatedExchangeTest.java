package org.nautilus.venue.simulated.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Money;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.domain.OrderType;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;
import org.nautilus.api.domain.TimeInForce;
import org.nautilus.api.marketdata.Quote;
import org.nautilus.api.venue.BookDepth;
import org.nautilus.api.venue.BookLevel;
import org.nautilus.api.venue.ExecType;
import org.nautilus.api.venue.ExecutionListener;
import org.nautilus.api.venue.ExecutionReport;
import org.nautilus.api.venue.FeeSchedule;

class SimulatedExchangeTest {

    private static final InstrumentId AAPL = InstrumentId.of("AAPL");
    private static final Instant T0 = Instant.parse("2024-03-01T14:30:00Z");

    private final EquityMarket market = new EquityMarket();
    private final Recorder reports = new Recorder();
    private SimulatedExchange venue;
    private long nextOrderId = 1;

    @AfterEach
    void close() {
        if (venue != null) {
            venue.close();
        }
    }

    private SimulatedExchange venue(VenueConfig config) {
        venue = new SimulatedExchange(config, Clock.fixed(T0, ZoneOffset.UTC), market);
        return venue;
    }

    /** The market: AAPL 100.00 x 100.02, 500 shares each side. */
    private void marketAt(String bid, String ask, long size) {
        market.quote(
                new Quote(AAPL, Price.of(bid), Quantity.ofWhole(size), Price.of(ask), Quantity.ofWhole(size), T0));
    }

    private Order order(Side side, OrderType type, long quantity, String limit, String stop, TimeInForce tif) {
        OrderRequest request = new OrderRequest(ClientOrderId.of("c" + nextOrderId), PortfolioId.of("P1"), AAPL, side,
                type, Quantity.ofWhole(quantity), limit == null ? null : Price.of(limit),
                stop == null ? null : Price.of(stop), tif, null, null, false, false);
        return new Order(OrderId.of(nextOrderId++), request, OrderStatus.SUBMITTED, Quantity.ZERO, null, null, null, T0,
                T0);
    }

    private Order market(Side side, long quantity) {
        return order(side, OrderType.MARKET, quantity, null, null, TimeInForce.DAY);
    }

    private Order limit(Side side, long quantity, String price) {
        return order(side, OrderType.LIMIT, quantity, price, null, TimeInForce.DAY);
    }

    @Test
    void aMarketBuyOf10AaplIsFilledAtTheAsk() {
        marketAt("100.00", "100.02", 500);
        venue(VenueConfig.defaults("SIM"));

        Order buy = market(Side.BUY, 10);
        venue.submit(buy, reports);

        // Synchronously, on this thread: ACCEPTED then one FILL of 10 at 100.02.
        assertThat(reports.types(buy)).containsExactly(ExecType.ACCEPTED, ExecType.FILL);
        ExecutionReport fill = reports.fills(buy).get(0);
        assertThat(fill.lastQuantity()).isEqualTo(Quantity.ofWhole(10));
        assertThat(fill.lastPrice()).isEqualTo(Price.of("100.02"));
        // 2 bps of 1,000.20 = 0.20004
        assertThat(fill.commission()).isEqualTo(Money.of("0.20004"));
        assertThat(fill.timestamp()).isEqualTo(T0);
        assertThat(fill.venueId().value()).isEqualTo("SIM");
    }

    @Test
    void aMarketSellIsFilledAtTheBid() {
        marketAt("100.00", "100.02", 500);
        venue(VenueConfig.defaults("SIM"));

        Order sell = market(Side.SELL, 25);
        venue.submit(sell, reports);

        assertThat(reports.fills(sell)).extracting(ExecutionReport::lastPrice).containsExactly(Price.of("100.00"));
    }

    @Test
    void aLargeMarketBuyWalksTheMarketMakersLevelsAndTheRestIsCanceled() {
        marketAt("100.00", "100.02", 100);
        venue(VenueConfig.defaults("SIM").withLiquidity(BigDecimal.ONE, 3, 1));

        Order buy = market(Side.BUY, 350);
        venue.submit(buy, reports);

        assertThat(reports.fills(buy)).extracting(r -> r.lastQuantity() + "@" + r.lastPrice())
                .containsExactly("100@100.02", "100@100.03", "100@100.04");
        assertThat(reports.last(buy).type()).isEqualTo(ExecType.CANCELED);
        assertThat(reports.last(buy).reason()).contains("no more liquidity");
    }

    @Test
    void theLiquidityFactorScalesTheQuotedSize() {
        marketAt("100.00", "100.02", 100);
        venue(VenueConfig.defaults("SIM").withLiquidity(new BigDecimal("0.5"), 1, 1));

        Order buy = market(Side.BUY, 80);
        venue.submit(buy, reports);

        assertThat(reports.fills(buy)).extracting(r -> r.lastQuantity() + "@" + r.lastPrice())
                .containsExactly("50@100.02");
        assertThat(reports.last(buy).type()).isEqualTo(ExecType.CANCELED);
    }

    @Test
    void aLimitBuyThatCrossesFillsAtTheAsk() {
        marketAt("100.00", "100.02", 500);
        venue(VenueConfig.defaults("SIM"));

        Order buy = limit(Side.BUY, 10, "100.05");
        venue.submit(buy, reports);

        assertThat(reports.types(buy)).containsExactly(ExecType.ACCEPTED, ExecType.FILL);
        assertThat(reports.fills(buy).get(0).lastPrice()).isEqualTo(Price.of("100.02"));
    }

    @Test
    void aLimitBuyBelowTheAskRestsThenFillsAtItsPriceWhenTheMarketFallsThroughIt() {
        marketAt("100.00", "100.02", 500);
        venue(VenueConfig.defaults("SIM").withFees(FeeSchedule.ofBps("-1", "3")));

        Order buy = limit(Side.BUY, 10, "99.95");
        venue.submit(buy, reports);
        assertThat(reports.types(buy)).containsExactly(ExecType.ACCEPTED);
        assertThat(venue.openOrderCount()).isEqualTo(1);

        // The market drops: the new ask 99.93 is below our bid, so the market maker's ask trades with us.
        venue.onQuote(new Quote(AAPL, Price.of("99.91"), Quantity.ofWhole(500), Price.of("99.93"),
                Quantity.ofWhole(500), T0));

        eventually(() -> reports.types(buy).contains(ExecType.FILL));
        ExecutionReport fill = reports.fills(buy).get(0);
        assertThat(fill.lastPrice()).isEqualTo(Price.of("99.95"));
        assertThat(fill.lastQuantity()).isEqualTo(Quantity.ofWhole(10));
        // We were the maker: a 1 bp rebate on 999.50.
        assertThat(fill.commission()).isEqualTo(Money.of("-0.09995"));
        assertThat(reports.thread(fill)).startsWith("nautilus-venue-SIM-matching");
        assertThat(venue.openOrderCount()).isZero();
    }

    /**
     * Fees per share with a minimum per order, by hand: 0.005 a share, at least 2.00 an order, no basis points. A
     * BUY of 100 comes to 0.50 and pays the minimum; a BUY of 700 takes what is left of two levels (400 at 100.02,
     * 300 at 100.03): its first fill comes to 2.00 (the minimum exactly: 2.00), its second to 1.50 more: 3.50 in all.
     * And a BUY of 300 whose first fill (200 at 100.03) comes to 1.00 pays the 2.00 minimum there, its second (100 at
     * 100.04: 0.50 more, 1.50 in all) nothing more: the order paid max(2.00, 1.50).
     */
    @Test
    void feesPerShareWithAMinimumPerOrder() {
        marketAt("100.00", "100.02", 500);
        venue(VenueConfig.defaults("SIM").withFees(FeeSchedule.ofBps("0", "0")
                .withPerShare(new BigDecimal("0.005"), new BigDecimal("2"))));

        Order small = market(Side.BUY, 100);
        venue.submit(small, reports);
        assertThat(reports.fills(small)).extracting(ExecutionReport::commission).containsExactly(Money.of("2"));

        Order large = market(Side.BUY, 700);
        venue.submit(large, reports);
        assertThat(reports.fills(large)).extracting(ExecutionReport::lastPrice)
                .containsExactly(Price.of("100.02"), Price.of("100.03"));
        assertThat(reports.fills(large)).extracting(ExecutionReport::commission)
                .containsExactly(Money.of("2"), Money.of("1.5"));

        // 200 left at 100.03, then 100.04: two fills of one order.
        Order split = market(Side.BUY, 300);
        venue.submit(split, reports);
        assertThat(reports.fills(split)).extracting(ExecutionReport::lastQuantity)
                .containsExactly(Quantity.ofWhole(200), Quantity.ofWhole(100));
        assertThat(reports.fills(split)).extracting(ExecutionReport::commission)
                .containsExactly(Money.of("2"), Money.of("0"));
    }

    @Test
    void aRestingOrderIsCanceledOnRequestAndACancelOfAnUnknownOrderSaysNothing() {
        marketAt("100.00", "100.02", 500);
        venue(VenueConfig.defaults("SIM"));
        Order buy = limit(Side.BUY, 10, "99.00");
        venue.submit(buy, reports);

        venue.cancel(buy, reports);
        venue.cancel(buy, reports);

        assertThat(reports.types(buy)).containsExactly(ExecType.ACCEPTED, ExecType.CANCELED);
        assertThat(reports.last(buy).reason()).isEqualTo("canceled on request");
    }

    @Test
    void aPriceOffTheTickIsRejectedWithTheReason() {
        marketAt("100.00", "100.02", 500);
        venue(VenueConfig.defaults("SIM"));

        Order buy = limit(Side.BUY, 10, "100.005");
        venue.submit(buy, reports);

        assertThat(reports.types(buy)).containsExactly(ExecType.REJECTED);
        assertThat(reports.last(buy).reason())
                .isEqualTo("limit price 100.005 is not a multiple of the tick size 0.01 of AAPL");
    }

    @Test
    void aPostOnlyOrderThatWouldTakeIsRejected() {
        marketAt("100.00", "100.02", 500);
        venue(VenueConfig.defaults("SIM"));

        Order buy = limit(Side.BUY, 10, "100.02");
        buy = new Order(buy.id(), buy.request().withFlags(true, false), buy.status(), buy.filledQuantity(), null, null,
                null, T0, T0);
        venue.submit(buy, reports);

        assertThat(reports.types(buy)).containsExactly(ExecType.REJECTED);
        assertThat(reports.last(buy).reason()).contains("post-only");
    }

    @Test
    void anAmendDownKeepsTheOrderAndAnAmendAcrossTheMarketTrades() {
        marketAt("100.00", "100.02", 500);
        venue(VenueConfig.defaults("SIM"));
        Order buy = limit(Side.BUY, 10, "99.50");
        venue.submit(buy, reports);

        Order smaller = new Order(buy.id(), buy.request().withQuantity(Quantity.ofWhole(6)), OrderStatus.PENDING_UPDATE,
                Quantity.ZERO, null, null, null, T0, T0);
        venue.amend(smaller, reports);
        Order across = new Order(buy.id(), smaller.request().withLimitPrice(Price.of("100.02")),
                OrderStatus.PENDING_UPDATE,
                Quantity.ZERO, null, null, null, T0, T0);
        venue.amend(across, reports);

        assertThat(reports.types(buy)).containsExactly(ExecType.ACCEPTED, ExecType.REPLACED, ExecType.REPLACED,
                ExecType.FILL);
        assertThat(reports.fills(buy).get(0).lastQuantity()).isEqualTo(Quantity.ofWhole(6));
        assertThat(venue.openOrderCount()).isZero();
    }

    @Test
    void aBuyStopTriggersWhenTheAskReachesItsPrice() {
        marketAt("100.00", "100.02", 500);
        venue(VenueConfig.defaults("SIM"));
        Order stop = order(Side.BUY, OrderType.STOP, 10, null, "100.10", TimeInForce.DAY);
        venue.submit(stop, reports);
        assertThat(reports.types(stop)).containsExactly(ExecType.ACCEPTED);

        venue.onQuote(new Quote(AAPL, Price.of("100.09"), Quantity.ofWhole(500), Price.of("100.11"),
                Quantity.ofWhole(500), T0));

        eventually(() -> reports.types(stop).contains(ExecType.FILL));
        assertThat(reports.types(stop)).containsExactly(ExecType.ACCEPTED, ExecType.TRIGGERED, ExecType.FILL);
        assertThat(reports.fills(stop).get(0).lastPrice()).isEqualTo(Price.of("100.11"));
    }

    @Test
    void withLatencyTheOrderReachesTheBookLaterOnTheMatchingThread() {
        marketAt("100.00", "100.02", 500);
        venue(VenueConfig.defaults("SIM").withLatency(Duration.ofMillis(20)));

        Order buy = market(Side.BUY, 10);
        venue.submit(buy, reports);
        assertThat(reports.types(buy)).isEmpty();

        eventually(() -> reports.types(buy).contains(ExecType.FILL));
        assertThat(reports.types(buy)).containsExactly(ExecType.ACCEPTED, ExecType.FILL);
    }

    @Test
    void theDepthShowsTheMarketMakerAndClientOrders() {
        marketAt("100.00", "100.02", 500);
        venue(VenueConfig.defaults("SIM").withLiquidity(BigDecimal.ONE, 2, 1));
        venue.submit(limit(Side.BUY, 10, "100.00"), reports);
        venue.submit(limit(Side.BUY, 7, "100.01"), reports);

        BookDepth depth = venue.depth(AAPL, 10).orElseThrow();

        assertThat(depth.bids()).containsExactly(
                new BookLevel(Price.of("100.01"), Quantity.ofWhole(7), 1),
                new BookLevel(Price.of("100.00"), Quantity.ofWhole(510), 2),
                new BookLevel(Price.of("99.99"), Quantity.ofWhole(500), 1));
        assertThat(depth.asks()).containsExactly(
                new BookLevel(Price.of("100.02"), Quantity.ofWhole(500), 1),
                new BookLevel(Price.of("100.03"), Quantity.ofWhole(500), 1));
        assertThat(depth.averagePriceToTake(Side.BUY, Quantity.ofWhole(1000))).contains(Price.of("100.025"));
        assertThat(venue.depth(InstrumentId.of("MSFT"), 5)).isEmpty();
    }

    @Test
    void eachDepthSnapshotShowsTheBookAsItIsNowAndSharesWhatDidNotChange() {
        marketAt("100.00", "100.02", 500);
        venue(VenueConfig.defaults("SIM").withLiquidity(BigDecimal.ONE, 3, 1));
        BookDepth before = venue.depth(AAPL, 10).orElseThrow();

        venue.submit(limit(Side.BUY, 600, "100.03"), reports); // takes the 100.02 level and 100 of 100.03
        BookDepth after = venue.depth(AAPL, 10).orElseThrow();

        assertThat(after.asks()).containsExactly(
                new BookLevel(Price.of("100.03"), Quantity.ofWhole(400), 1),
                new BookLevel(Price.of("100.04"), Quantity.ofWhole(500), 1));
        assertThat(after.asks().get(1)).isSameAs(before.asks().get(2)); // untouched level, shifted up
        assertThat(after.bids()).isSameAs(before.bids()).hasSize(3);
        assertThat(venue.depth(AAPL, 1).orElseThrow().asks()).containsExactly(
                new BookLevel(Price.of("100.03"), Quantity.ofWhole(400), 1));
        assertThat(venue.depth(AAPL, 10).orElseThrow()).isEqualTo(after);

        venue.submit(limit(Side.SELL, 5, "100.05"), reports);
        assertThat(venue.depth(AAPL, 10).orElseThrow().asks()).containsExactly(
                new BookLevel(Price.of("100.03"), Quantity.ofWhole(400), 1),
                new BookLevel(Price.of("100.04"), Quantity.ofWhole(500), 1),
                new BookLevel(Price.of("100.05"), Quantity.ofWhole(5), 1));
    }

    @Test
    void theVenueDescribesItsFeesAndLatency() {
        venue(VenueConfig.defaults("SIMB").withFees(FeeSchedule.ofBps("0.5", "3")).withLatency(Duration.ofMillis(2)));

        assertThat(venue.description()).isEqualTo(
                "simulated exchange, fee maker 0.5 / taker 3 bps, latency 2 ms, liquidity x1 over 5 levels");
        assertThat(venue.fees()).contains(FeeSchedule.ofBps("0.5", "3"));
        assertThat(venue.latency()).isEqualTo(Duration.ofMillis(2));
    }

    private static void eventually(BooleanSupplier condition) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 5 s");
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    /** Records reports with the thread that delivered them. */
    static final class Recorder implements ExecutionListener {
        private final List<ExecutionReport> all = new CopyOnWriteArrayList<>();
        private final Map<ExecutionReport, String> threads = new ConcurrentHashMap<>();

        @Override
        public void onReport(ExecutionReport report) {
            threads.put(report, Thread.currentThread().getName());
            all.add(report);
        }

        List<ExecType> types(Order order) {
            return all.stream().filter(r -> r.orderId().equals(order.id())).map(ExecutionReport::type).toList();
        }

        List<ExecutionReport> fills(Order order) {
            return all.stream().filter(r -> r.orderId().equals(order.id()) && r.type() == ExecType.FILL).toList();
        }

        ExecutionReport last(Order order) {
            List<ExecutionReport> mine = all.stream().filter(r -> r.orderId().equals(order.id())).toList();
            return mine.get(mine.size() - 1);
        }

        String thread(ExecutionReport report) {
            return threads.get(report);
        }
    }
}
