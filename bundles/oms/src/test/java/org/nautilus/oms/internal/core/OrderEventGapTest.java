package org.nautilus.oms.internal.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nautilus.oms.internal.core.Fixtures.limit;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.oms.OrderEventSubscriber;
import org.nautilus.api.oms.OrderEventType;
import org.nautilus.testsupport.Await;

/**
 * A resuming subscriber reads the store while commits land: the read can miss events that the live queue does not
 * hold either (committed before the subscription began, written to the store just after the read). Seen in
 * DurabilityIT: the recorder's history had holes of one resting order's three events and they were never delivered.
 */
class OrderEventGapTest {

    private static final Instant T = Instant.parse("2024-03-01T14:30:00Z");
    private static final OrderRequest REQUEST = limit("c-1", Side.BUY, 100, "150");
    private static final PortfolioId PORTFOLIO = REQUEST.portfolioId();

    private static OrderEvent event(long sequence) {
        Order order = new Order(OrderId.of(sequence), REQUEST, OrderStatus.ACCEPTED, Quantity.ZERO, Price.of("150"),
                VenueId.of("SIM"), null, T, T);
        return new OrderEvent(1, OrderEventType.ACCEPTED, order, null, null, T, sequence);
    }

    private static List<OrderEvent> events(long... sequences) {
        return Arrays.stream(sequences).mapToObj(OrderEventGapTest::event).toList();
    }

    /** Resumes {@link #PORTFOLIO} after 0; records what it is handed and why it was dropped. */
    private static final class Recorder implements OrderEventSubscriber {
        final List<Long> sequences = new CopyOnWriteArrayList<>();
        final AtomicReference<String> dropped = new AtomicReference<>();

        @Override
        public Map<PortfolioId, Long> resumeAfter() {
            return Map.of(PORTFOLIO, 0L);
        }

        @Override
        public void onEvent(OrderEvent event) {
            sequences.add(event.sequence());
        }

        @Override
        public void onDropped(String why) {
            dropped.set(why);
        }
    }

    @Test
    void a_hole_in_the_stored_events_is_read_again_until_the_store_has_them() {
        AtomicInteger reads = new AtomicInteger();
        OrderEventSubscribers subscribers = new OrderEventSubscribers(new OrderEventSubscribers.History() {
            @Override
            public List<OrderEvent> eventsAfter(PortfolioId portfolio, long sequence) {
                // The first read sees 4 and 5 but not 2 and 3; the store has them all from the third read on.
                List<OrderEvent> all = reads.incrementAndGet() < 3 ? events(1, 4, 5) : events(1, 2, 3, 4, 5);
                return all.stream().filter(e -> e.sequence() > sequence).toList();
            }

            @Override
            public long lastSequence(PortfolioId portfolio) {
                return 6;
            }
        });
        Recorder recorder = new Recorder();
        subscribers.add(recorder, "gap", 100);
        subscribers.deliver(events(5, 6));

        Await.until("six events", Duration.ofSeconds(10), () -> recorder.sequences.size() >= 6);
        assertThat(recorder.sequences).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(recorder.dropped.get()).isNull();
        subscribers.close();
    }

    @Test
    void a_hole_the_store_never_fills_drops_the_subscriber_with_where_to_resume() {
        OrderEventSubscribers subscribers = new OrderEventSubscribers(new OrderEventSubscribers.History() {
            @Override
            public List<OrderEvent> eventsAfter(PortfolioId portfolio, long sequence) {
                return events(1, 3).stream().filter(e -> e.sequence() > sequence).toList();
            }

            @Override
            public long lastSequence(PortfolioId portfolio) {
                return 3;
            }
        }, Duration.ofMillis(300));
        Recorder recorder = new Recorder();
        subscribers.add(recorder, "hole", 100);

        Await.until("the subscriber dropped", Duration.ofSeconds(10), () -> recorder.dropped.get() != null);
        assertThat(recorder.sequences).containsExactly(1L);
        assertThat(recorder.dropped.get()).contains("events 2 to 2 of portfolio " + PORTFOLIO)
                .contains("resume after sequence 1");
    }
}
