package org.nautilus.risk.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nautilus.risk.internal.support.Orders.buy;
import static org.nautilus.risk.internal.support.Orders.buyLimit;
import static org.nautilus.risk.internal.support.Orders.sellLimit;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderType;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.TimeInForce;
import org.nautilus.api.risk.SubmittedOrder;

class SubmitHistoryTest {

    private static final Instant T = Instant.parse("2025-03-03T14:30:00Z");
    private static final long MINUTE = Duration.ofMinutes(1).toNanos();

    @Test
    void countsApprovalsSinceAnInstant() {
        SubmitHistory h = new SubmitHistory(1024);
        for (int i = 0; i < 10; i++) {
            h.record(new SubmittedOrder(buy(1, "AAPL"), T.plusMillis(100L * i)), MINUTE);
        }

        assertThat(h.countSince(T)).isEqualTo(10);
        assertThat(h.countSince(T.plusMillis(450))).isEqualTo(5);
        assertThat(h.countSince(T.plusMillis(900))).isEqualTo(1);
        assertThat(h.countSince(T.plusMillis(901))).isZero();
    }

    @Test
    void growsBeyondItsInitialSizeAndDropsWhatIsOlderThanTheRetention() {
        SubmitHistory h = new SubmitHistory(1 << 16);
        for (int i = 0; i < 5000; i++) {
            h.record(new SubmittedOrder(buy(1, "AAPL"), T.plusMillis(i)), Duration.ofSeconds(2).toNanos());
        }
        assertThat(h.countSince(T)).isEqualTo(2001); // t = 2999 .. 4999 ms kept

        h.record(new SubmittedOrder(buy(1, "AAPL"), T.plusSeconds(60)), Duration.ofSeconds(2).toNanos());
        assertThat(h.countSince(T)).isEqualTo(1);
    }

    @Test
    void atCapacityTheOldestAreDroppedSoCountsSaturate() {
        SubmitHistory h = new SubmitHistory(64);
        for (int i = 0; i < 100; i++) {
            h.record(new SubmittedOrder(buy(1, "AAPL"), T.plusMillis(i)), MINUTE);
        }

        assertThat(h.countSince(T)).isEqualTo(64);
    }

    @Test
    void aClockStepBackDoesNotUnsortTheRing() {
        SubmitHistory h = new SubmitHistory(1024);
        h.record(new SubmittedOrder(buy(1, "AAPL"), T.plusSeconds(10)), MINUTE);
        h.record(new SubmittedOrder(buy(1, "AAPL"), T), MINUTE); // stepped back: counted at t+10s

        assertThat(h.countSince(T.plusSeconds(10))).isEqualTo(2);
    }

    @Test
    void keepsTheLastSixteenRequestsPerInstrumentNewestFirst() {
        SubmitHistory h = new SubmitHistory(1024);
        for (int i = 0; i < 20; i++) {
            h.record(new SubmittedOrder(buy(i + 1, "AAPL"), T.plusMillis(i)), MINUTE);
        }
        h.record(new SubmittedOrder(buy(7, "MSFT"), T.plusMillis(50)), MINUTE);

        var recent = h.recent(InstrumentId.of("AAPL"), T);
        assertThat(recent).hasSize(SubmitHistory.RECENT_PER_INSTRUMENT);
        assertThat(recent.get(0).request().quantity().toString()).isEqualTo("20");
        assertThat(h.recent(InstrumentId.of("AAPL"), T.plusMillis(18))).hasSize(2);
        assertThat(h.recent(InstrumentId.of("TSLA"), T)).isEmpty();
    }

    @Test
    void findsTheNewestIdenticalOrderUnderAnotherClientOrderIdWithinTheWindow() {
        SubmitHistory h = new SubmitHistory(1024);
        OrderRequest first = buyLimit(100, "AAPL", "190");
        OrderRequest second = buyLimit(100, "AAPL", "190");
        h.record(new SubmittedOrder(first, T), MINUTE);
        h.record(new SubmittedOrder(sellLimit(100, "AAPL", "190"), T.plusMillis(1)), MINUTE);
        h.record(new SubmittedOrder(second, T.plusMillis(2)), MINUTE);
        h.record(new SubmittedOrder(buyLimit(100, "AAPL", "190.01"), T.plusMillis(3)), MINUTE);
        h.record(new SubmittedOrder(buyLimit(101, "AAPL", "190"), T.plusMillis(4)), MINUTE);

        OrderRequest again = buyLimit(100, "AAPL", "190");
        assertThat(h.identical(again, T)).map(o -> o.request()).contains(second);
        assertThat(h.identical(withClientId(again, second.clientOrderId()), T)).map(o -> o.request()).contains(first);
        assertThat(h.identical(again, T.plusMillis(3))).isEmpty();
        assertThat(h.identical(buyLimit(100, "MSFT", "190"), T)).isEmpty();
        assertThat(h.identical(buy(100, "AAPL"), T)).isEmpty();
        assertThat(h.identical(stopLimit(again), T)).isEmpty();
    }

    @Test
    void identicalOrdersOlderThanTheLastSixteenAreForgotten() {
        SubmitHistory h = new SubmitHistory(1024);
        h.record(new SubmittedOrder(buyLimit(1, "AAPL", "190"), T), MINUTE);
        for (int i = 0; i < SubmitHistory.RECENT_PER_INSTRUMENT - 1; i++) {
            h.record(new SubmittedOrder(buyLimit(i + 2, "AAPL", "190"), T.plusMillis(i + 1)), MINUTE);
        }
        assertThat(h.identical(buyLimit(1, "AAPL", "190"), T)).isPresent();

        h.record(new SubmittedOrder(buyLimit(500, "AAPL", "190"), T.plusMillis(100)), MINUTE);
        assertThat(h.identical(buyLimit(1, "AAPL", "190"), T)).isEmpty();
        assertThat(h.identical(buyLimit(2, "AAPL", "190"), T)).isPresent();
        assertThat(h.recent(InstrumentId.of("AAPL"), T)).hasSize(SubmitHistory.RECENT_PER_INSTRUMENT)
                .first().satisfies(o -> assertThat(o.request().quantity().toString()).isEqualTo("500"));
    }

    private static OrderRequest withClientId(OrderRequest r, ClientOrderId id) {
        return new OrderRequest(id, r.portfolioId(), r.instrumentId(), r.side(), r.type(), r.quantity(), r.limitPrice(),
                r.stopPrice(), r.timeInForce(), r.expireTime(), r.venueId(), r.postOnly(), r.reduceOnly());
    }

    private static OrderRequest stopLimit(OrderRequest r) {
        return new OrderRequest(r.clientOrderId(), r.portfolioId(), r.instrumentId(), r.side(), OrderType.STOP_LIMIT,
                r.quantity(), r.limitPrice(), Price.of("189"), TimeInForce.DAY, null, null, false, false);
    }
}
