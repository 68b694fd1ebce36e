package org.nautilus.oms.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;
import org.nautilus.api.venue.RoutingDecision;

class DecisionLogTest {

    private static RoutingDecision decision(long id) {
        return new RoutingDecision(OrderId.of(id), ClientOrderId.of("c" + id), InstrumentId.of("AAPL"), Side.BUY,
                Quantity.ofWhole(1), List.of(), "because " + id, Instant.EPOCH);
    }

    @Test
    void keeps_the_most_recent_decisions_newest_first() {
        DecisionLog log = new DecisionLog(3);
        for (long id = 1; id <= 5; id++) {
            log.add(decision(id));
        }

        assertThat(log.recent(10)).extracting(d -> d.orderId().value()).containsExactly(5L, 4L, 3L);
        assertThat(log.recent(2)).hasSize(2);
        assertThat(log.of(OrderId.of(2))).isEmpty();
        assertThat(log.of(OrderId.of(4))).contains(decision(4));
    }

    @Test
    void a_decision_is_written_out_once_and_only_when_read() {
        DecisionLog log = new DecisionLog(10);
        AtomicInteger written = new AtomicInteger();
        log.add(OrderId.of(1), () -> {
            written.incrementAndGet();
            return decision(1);
        });
        assertThat(written.get()).isZero();

        log.of(OrderId.of(1));
        log.recent(5);

        assertThat(written.get()).isEqualTo(1);
    }

    @Test
    void a_smaller_capacity_applies_to_the_next_decision() {
        DecisionLog log = new DecisionLog(10);
        for (long id = 1; id <= 5; id++) {
            log.add(decision(id));
        }
        log.capacity(2);
        log.add(decision(6));

        assertThat(log.recent(10)).extracting(d -> d.orderId().value()).containsExactly(6L, 5L);
    }

    @Test
    void partitions_write_their_own_rings_and_reads_merge_them_newest_first() {
        DecisionLog log = new DecisionLog(6);
        log.stripes(2);
        Instant t = Instant.parse("2026-11-25T10:00:00Z");
        for (long id = 1; id <= 8; id++) {
            long at = id;
            log.add((int) (id % 2), OrderId.of(id), t.plusSeconds(at), () -> decision(at));
        }

        // Two rings share the capacity: each keeps its 3 newest (4, 6, 8 and 3, 5, 7); reads merge them.
        assertThat(log.recent(10)).extracting(d -> d.orderId().value()).containsExactly(8L, 7L, 6L, 5L, 4L, 3L);
        assertThat(log.recent(2)).extracting(d -> d.orderId().value()).containsExactly(8L, 7L);
        assertThat(log.of(OrderId.of(3))).contains(decision(3));
        assertThat(log.of(OrderId.of(1))).isEmpty();
        assertThat(log.of(OrderId.of(2))).isEmpty();
    }
}
