package org.nautilus.venue.simulated.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
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
import org.nautilus.api.marketdata.Trade;
import org.nautilus.api.time.SimulatedPlatformClock;
import org.nautilus.api.venue.ExecType;
import org.nautilus.api.venue.FeeSchedule;

/**
 * Queue position (see {@link QueuePositions}), golden cases computed by hand: the market maker shows the data's quote
 * (one level, factor 1), the data's trades arrive with {@link SimulatedExchange#onTrade}, on a simulated clock.
 */
class QueuePositionTest {

    private static final InstrumentId AAPL = InstrumentId.of("AAPL");
    private static final Instant T0 = Instant.parse("2024-03-01T14:30:00Z");

    private final EquityMarket market = new EquityMarket();
    private final SimulatedExchangeTest.Recorder reports = new SimulatedExchangeTest.Recorder();
    private final SimulatedPlatformClock clock = new SimulatedPlatformClock(T0);
    private SimulatedExchange venue;
    private long nextOrderId = 1;
    private long seconds;

    @AfterEach
    void close() {
        venue.close();
        clock.close();
    }

    private void venue(boolean queuePosition) {
        venue = new SimulatedExchange(VenueConfig.defaults("SIM").withLiquidity(BigDecimal.ONE, 1, 1)
                .withFees(FeeSchedule.ofBps("1", "2")).withQueuePosition(queuePosition),
                clock, Duration.ofMinutes(1), market);
    }

    /** The data's quote, one second after the last event. */
    private void quote(String bid, String ask, long size) {
        Quote quote = new Quote(AAPL, Price.of(bid), Quantity.ofWhole(size), Price.of(ask), Quantity.ofWhole(size),
                tick());
        market.quote(quote);
        venue.onQuote(quote);
        clock.runDue();
    }

    /** The data's trade, one second after the last event. */
    private void trade(String price, long size) {
        venue.onTrade(new Trade(AAPL, Price.of(price), Quantity.ofWhole(size), tick()));
        clock.runDue();
    }

    private Instant tick() {
        clock.advanceTo(T0.plusSeconds(++seconds));
        return clock.now();
    }

    private Order buy(long quantity, String limit) {
        OrderRequest request = new OrderRequest(ClientOrderId.of("c" + nextOrderId), PortfolioId.of("P1"), AAPL,
                Side.BUY, OrderType.LIMIT, Quantity.ofWhole(quantity), Price.of(limit), null, TimeInForce.GTC, null,
                null, false, false);
        Order order = new Order(OrderId.of(nextOrderId++), request, OrderStatus.SUBMITTED, Quantity.ZERO, null, null,
                null, T0, T0);
        venue.submit(order, reports);
        return order;
    }

    private long ahead(Order order) {
        long raw = venue.queueAhead(order.id(), AAPL);
        return raw < 0 ? raw : new Quantity(raw).toBigDecimal().longValueExact();
    }

    private String fills(Order order) {
        return String.join(" ",
                reports.fills(order).stream().map(r -> r.lastQuantity() + "@" + r.lastPrice()).toList());
    }

    @Test
    void anOrderJoiningTheBidWaitsBehindTheDisplayedQuantityAndTradesAtItsPriceConsumeItFirst() {
        venue(true);
        quote("100.00", "100.02", 500);
        Order buy = buy(100, "100.00");
        assertThat(ahead(buy)).isEqualTo(500);

        trade("100.00", 300);
        assertThat(ahead(buy)).isEqualTo(200);
        assertThat(fills(buy)).isEmpty();

        // 250 at our price: 200 take the rest of the queue, 50 fill us, at our price, as maker (1 bp of 5,000).
        trade("100.00", 250);
        assertThat(ahead(buy)).isZero();
        assertThat(fills(buy)).isEqualTo("50@100");
        assertThat(reports.fills(buy).get(0).commission()).isEqualTo(Money.of("0.5"));

        trade("100.00", 80);
        assertThat(fills(buy)).isEqualTo("50@100 50@100");
        assertThat(reports.last(buy).type()).isEqualTo(ExecType.FILL);
        assertThat(ahead(buy)).isEqualTo(-1);
    }

    @Test
    void aTradeAtAHigherPriceDoesNotTouchABuyAndATradeThroughItsPriceFillsItWhateverTheQueue() {
        venue(true);
        quote("100.00", "100.02", 500);
        Order buy = buy(100, "100.00");

        trade("100.01", 1_000);
        assertThat(ahead(buy)).isEqualTo(500);
        assertThat(fills(buy)).isEmpty();

        // Sold below our bid: the whole level at 100.00 traded, 80 of it to us.
        trade("99.99", 80);
        assertThat(fills(buy)).isEqualTo("80@100");
        assertThat(ahead(buy)).isZero();
    }

    @Test
    void twoOrdersAtOneLevelFillInTimeOrderAndTheSecondWaitsBehindTheFirst() {
        venue(true);
        quote("100.00", "100.02", 500);
        Order first = buy(300, "100.00");
        Order second = buy(200, "100.00");
        // The queue: 500 displayed, first's 300, second's 200.
        assertThat(ahead(first)).isEqualTo(500);
        assertThat(ahead(second)).isEqualTo(800);

        // 900 at 100.00: 500 displayed, 300 to the first, 100 to the second.
        trade("100.00", 900);
        assertThat(fills(first)).isEqualTo("300@100");
        assertThat(fills(second)).isEqualTo("100@100");
        assertThat(ahead(second)).isZero();
    }

    @Test
    void anOrderCanceledInFrontMovesTheLaterOneUp() {
        venue(true);
        quote("100.00", "100.02", 500);
        Order first = buy(300, "100.00");
        Order second = buy(200, "100.00");

        venue.cancel(first, reports);
        assertThat(reports.last(first).type()).isEqualTo(ExecType.CANCELED);
        assertThat(ahead(second)).isEqualTo(500);
    }

    @Test
    void theLevelShrinkingTakesTheQueueDownOnlyBelowItAndAnUnshownLevelKeepsIt() {
        venue(true);
        quote("100.00", "100.02", 500);
        Order buy = buy(100, "100.00");

        // Cancels come from the back first: 500 → 600 → 200 shown leaves 500, 500, 200 ahead.
        quote("100.00", "100.02", 600);
        assertThat(ahead(buy)).isEqualTo(500);
        quote("100.00", "100.02", 200);
        assertThat(ahead(buy)).isEqualTo(200);
        // The bid moves up: our level is not shown (one level quoted), what is ahead of us is unknown: kept.
        quote("100.01", "100.03", 50);
        assertThat(ahead(buy)).isEqualTo(200);
        // Back, bigger: the queue ahead does not grow.
        quote("100.00", "100.02", 1_000);
        assertThat(ahead(buy)).isEqualTo(200);
        // The bid falls below us: nobody is left at 100.00 in front of us.
        quote("99.99", "100.02", 1_000);
        assertThat(ahead(buy)).isZero();
        trade("100.00", 30);
        assertThat(fills(buy)).isEqualTo("30@100");
    }

    @Test
    void theAskComingDownToTheOrdersPriceFillsItAsWithoutQueuePosition() {
        venue(true);
        quote("100.00", "100.02", 500);
        Order buy = buy(100, "100.00");
        assertThat(ahead(buy)).isEqualTo(500);

        quote("99.98", "100.00", 500);
        assertThat(fills(buy)).isEqualTo("100@100");
    }

    @Test
    void aReducedQuantityKeepsThePlaceAndANewPriceJoinsAtTheBack() {
        venue(true);
        quote("100.00", "100.02", 500);
        Order first = buy(300, "100.00");
        Order second = buy(200, "100.00");
        trade("100.00", 100);
        assertThat(ahead(first)).isEqualTo(400);
        assertThat(ahead(second)).isEqualTo(700);

        venue.amend(amended(first, 100, "100.00"), reports);
        assertThat(reports.last(first).type()).isEqualTo(ExecType.REPLACED);
        assertThat(ahead(first)).isEqualTo(400);
        assertThat(ahead(second)).isEqualTo(500);

        // Moved to 99.99 (alone there), the second moves up by its 100; back to 100.00, the first joins behind
        // everything resting there now: the 500 the quote shows (the market's trade did not change the quote) and
        // the second's 200.
        venue.amend(amended(first, 100, "99.99"), reports);
        assertThat(ahead(first)).isZero();
        assertThat(ahead(second)).isEqualTo(400);
        venue.amend(amended(first, 100, "100.00"), reports);
        assertThat(ahead(first)).isEqualTo(700);
        assertThat(ahead(second)).isEqualTo(400);
    }

    @Test
    void withoutQueuePositionTheMarketsTradesFillNothing() {
        venue(false);
        quote("100.00", "100.02", 500);
        Order buy = buy(100, "100.00");

        trade("100.00", 10_000);
        trade("99.99", 10_000);
        assertThat(fills(buy)).isEmpty();
        assertThat(ahead(buy)).isEqualTo(-1);
    }

    private static Order amended(Order order, long quantity, String price) {
        OrderRequest r = order.request();
        OrderRequest request = new OrderRequest(r.clientOrderId(), r.portfolioId(), r.instrumentId(), r.side(),
                r.type(), Quantity.ofWhole(quantity), Price.of(price), null, r.timeInForce(), null, null, false, false);
        return new Order(order.id(), request, OrderStatus.ACCEPTED, Quantity.ZERO, null, null, null, T0, T0);
    }
}
