package org.nautilus.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
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
import org.nautilus.api.oms.OrderEventFeed;
import org.nautilus.api.oms.OrderEventSubscriber;
import org.nautilus.api.oms.OrderEventType;
import org.nautilus.rest.internal.SseDoubles.Events;
import org.nautilus.rest.internal.SseDoubles.Sink;
import org.nautilus.testsupport.Await;

/**
 * The order streams of a node that does not run the OMS: {@code /api/v1/stream/orders} takes its events from the
 * cluster's {@link OrderEventFeed} (the grid's, tested with real nodes in the grid bundle; here a feed that hands
 * over what the test gives it): one subscription for every client, each client its portfolio's events in order with
 * their {@code portfolio:sequence} ids; a subscription the feed drops drops every client with the reason, and the
 * next client subscribes again; a feed that cannot serve now refuses the client in words.
 */
class OrderStreamsTest {

    private static final PortfolioId ALPHA = PortfolioId.of("alpha");
    private static final PortfolioId BETA = PortfolioId.of("beta");

    /** The feed as a client of it sees it: subscriptions it can deliver to and drop. */
    private static final class Feed implements OrderEventFeed {
        final List<OrderEventSubscriber> subscribers = new CopyOnWriteArrayList<>();
        final List<String> names = new CopyOnWriteArrayList<>();
        final AtomicInteger closed = new AtomicInteger();
        volatile String refusal;

        @Override
        public Subscription subscribe(String name, OrderEventSubscriber subscriber, Set<PortfolioId> portfolios,
                int queueSize) {
            if (refusal != null) {
                throw new IllegalStateException(refusal);
            }
            assertThat(portfolios).as("one subscription serves every client's portfolio").isEmpty();
            assertThat(queueSize).isEqualTo(StreamsResource.ORDER_QUEUE);
            names.add(name);
            subscribers.add(subscriber);
            return closed::incrementAndGet;
        }

        OrderEventSubscriber current() {
            return subscribers.get(subscribers.size() - 1);
        }
    }

    private final Feed feed = new Feed();
    private final StreamsResource resource = new StreamsResource(null);

    @AfterEach
    void stop() {
        resource.deactivate();
    }

    private Sink connect(String portfolio) {
        Sink sink = new Sink(true);
        resource.orders(sink, new Events(), portfolio);
        return sink;
    }

    private static OrderEvent event(PortfolioId portfolio, long order, int version, OrderEventType type,
            long sequence) {
        OrderRequest request = OrderRequest.market(ClientOrderId.of("c-" + order), portfolio, InstrumentId.of("AAPL"),
                Side.BUY, Quantity.of("10"));
        Order state = new Order(OrderId.of(order), request, type == OrderEventType.INITIALIZED
                ? OrderStatus.INITIALIZED
                : OrderStatus.SUBMITTED, Quantity.ZERO, null, null, null, Instant.EPOCH,
                Instant.EPOCH);
        return new OrderEvent(version, type, state, null, null, Instant.EPOCH, sequence);
    }

    private static List<String> ids(Sink sink) {
        return sink.frames().stream().filter(f -> f.id() != null).map(SseFrame::id).toList();
    }

    @Test
    void every_client_gets_its_portfolios_events_from_the_clusters_feed_through_one_subscription() {
        resource.feed = feed;
        Sink all = connect(null);
        Sink alphaOnly = connect("alpha");

        assertThat(feed.names).containsExactly("http-order-streams");
        OrderEventSubscriber streams = feed.current();
        streams.onEvent(event(ALPHA, 1, 1, OrderEventType.INITIALIZED, 1));
        streams.onEvent(event(BETA, 2, 1, OrderEventType.INITIALIZED, 1));
        streams.onEvent(event(ALPHA, 1, 2, OrderEventType.SUBMITTED, 2));

        Await.until("three events to the client of every portfolio", Duration.ofSeconds(10),
                () -> ids(all).size() == 3);
        Await.until("two to alpha's", Duration.ofSeconds(10), () -> ids(alphaOnly).size() == 2);
        assertThat(ids(all)).containsExactly("alpha:1", "beta:1", "alpha:2");
        assertThat(ids(alphaOnly)).containsExactly("alpha:1", "alpha:2");
        SseFrame submitted = alphaOnly.frames().get(alphaOnly.frames().size() - 1);
        assertThat(submitted.name()).isEqualTo("SUBMITTED");
        assertThat(submitted.data()).contains("c-1").contains("\"sequence\":2");
    }

    @Test
    void a_subscription_the_feed_drops_drops_every_client_with_the_reason_and_the_next_client_subscribes_again() {
        resource.feed = feed;
        Sink first = connect(null);
        Sink second = connect("beta");

        feed.current().onDropped("it fell behind: its queue of 65536 events is full; it can resume after {alpha=7}");

        for (Sink sink : List.of(first, second)) {
            Await.until("the client is told", Duration.ofSeconds(10),
                    () -> sink.frames().stream().anyMatch(f -> f.name().equals("dropped")));
            assertThat(sink.frames().get(sink.frames().size() - 1).data())
                    .contains("the order events' source dropped this stream: it fell behind")
                    .contains("resume after {alpha=7}");
        }
        assertThat(feed.closed).as("the dropped subscription is let go").hasValue(1);

        Sink later = connect(null);
        assertThat(feed.names).hasSize(2);
        feed.current().onEvent(event(ALPHA, 3, 1, OrderEventType.INITIALIZED, 8));
        Await.until("the new subscription streams", Duration.ofSeconds(10), () -> ids(later).size() == 1);
        assertThat(ids(later)).containsExactly("alpha:8");
    }

    @Test
    void a_feed_that_cannot_serve_now_refuses_the_client_in_words_and_the_next_client_tries_again() {
        resource.feed = feed;
        feed.refusal = "the grid cannot notify this node of committed order events now: cluster inactive";
        Sink refused = connect(null);

        Await.until("the client is told", Duration.ofSeconds(10),
                () -> refused.frames().stream().anyMatch(f -> f.name().equals("dropped")));
        assertThat(refused.frames().get(refused.frames().size() - 1).data())
                .contains("order events cannot be streamed from this node now")
                .contains("cluster inactive");

        feed.refusal = null;
        Sink next = connect(null);
        feed.current().onEvent(event(BETA, 4, 1, OrderEventType.INITIALIZED, 1));
        Await.until("streams", Duration.ofSeconds(10), () -> ids(next).size() == 1);
    }
}
