package org.nautilus.grid.internal.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.oms.OrderEventType;

/**
 * Committed events put back in each portfolio's order: early ones wait for the missing ones, repeats and history are
 * skipped, split parts never pass, and a gap nobody can fill is passed over when asked.
 */
class PortfolioSequencerTest {

    private static final PortfolioId ALPHA = PortfolioId.of("alpha");
    private static final PortfolioId BETA = PortfolioId.of("beta");

    private final List<String> passed = new ArrayList<>();
    private final PortfolioSequencer sequencer = new PortfolioSequencer(
            e -> passed.add(e.portfolioId() + ":" + e.sequence()));

    private static OrderEvent event(PortfolioId portfolio, long sequence) {
        OrderRequest request = OrderRequest.market(ClientOrderId.of("c-" + sequence), portfolio,
                InstrumentId.of("AAPL"), Side.BUY, Quantity.of("1"));
        Order order = new Order(OrderId.of(sequence + 1), request, OrderStatus.INITIALIZED, Quantity.ZERO, null, null,
                null, Instant.EPOCH, Instant.EPOCH);
        return new OrderEvent(1, OrderEventType.INITIALIZED, order, null, null, Instant.EPOCH, sequence);
    }

    @Test
    void events_that_come_early_wait_for_the_missing_ones_and_repeats_and_history_are_skipped() {
        sequencer.restart(Map.of(ALPHA, 10L));

        sequencer.accept(event(ALPHA, 12), 0);
        sequencer.accept(event(BETA, 2), 0);
        sequencer.accept(event(ALPHA, 9), 0); // before the stream began
        assertThat(passed).isEmpty();
        sequencer.accept(event(ALPHA, 11), 0);
        sequencer.accept(event(BETA, 1), 0);
        sequencer.accept(event(ALPHA, 12), 0); // a failover's repeat
        sequencer.accept(event(ALPHA, 0), 0); // a split part

        assertThat(passed).containsExactly("alpha:11", "alpha:12", "beta:1", "beta:2");
        assertThat(sequencer.lastPassed()).isEqualTo(Map.of(ALPHA, 12L, BETA, 2L));
        assertThat(sequencer.gapsOpenSince(Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void a_gap_is_reported_once_old_enough_and_passed_over_only_when_asked() {
        sequencer.restart(Map.of());
        sequencer.accept(event(ALPHA, 1), 0);
        sequencer.accept(event(ALPHA, 4), 100);
        sequencer.accept(event(ALPHA, 3), 150);

        assertThat(sequencer.gapsOpenSince(50)).as("open since 100, not yet 50").isEmpty();
        assertThat(sequencer.gapsOpenSince(100)).isEqualTo(Map.of(ALPHA, 1L));

        assertThat(sequencer.skipGap(ALPHA, 200)).as("the first missing sequence").isEqualTo(2);
        assertThat(passed).containsExactly("alpha:1", "alpha:3", "alpha:4");
        assertThat(sequencer.skipGap(ALPHA, 200)).as("no gap left").isZero();
        sequencer.accept(event(ALPHA, 2), 300); // too late: passed over
        sequencer.accept(event(ALPHA, 5), 300);
        assertThat(passed).containsExactly("alpha:1", "alpha:3", "alpha:4", "alpha:5");
    }
}
