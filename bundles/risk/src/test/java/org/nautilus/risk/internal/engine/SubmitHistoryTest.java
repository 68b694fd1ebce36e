package org.nautilus.risk.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nautilus.risk.internal.support.Orders.buy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.InstrumentId;
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
}
