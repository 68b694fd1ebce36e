package org.nautilus.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nautilus.rest.internal.SseDoubles.Events;
import org.nautilus.rest.internal.SseDoubles.Sink;
import org.nautilus.testsupport.Await;

/**
 * A client's event stream: events reach a client that keeps up, in order, each a complete event on the wire even
 * when several go in one write; a client that stops reading is dropped with the reason once its buffer is full,
 * and offering to it never blocks the caller.
 */
class EventStreamTest {

    private final ScheduledExecutorService sender = Executors.newScheduledThreadPool(2);

    @AfterEach
    void stop() {
        sender.shutdownNow();
    }

    @Test
    void aClientThatKeepsUpGetsEveryEventInOrder() throws Exception {
        Sink sink = new Sink(true);
        AtomicInteger closed = new AtomicInteger();
        EventStream stream = new EventStream("fast", sink, new Events(), 16, sender, 0, closed::incrementAndGet);
        for (int i = 0; i < 1000; i++) {
            stream.offer(new SseFrame("n", Integer.toString(i), "{\"n\":" + i + "}"));
            while (sink.count.get() < i - 8) {
                Thread.onSpinWait();
            }
        }
        Await.until("sink.frames().size() >= 1000", Duration.ofSeconds(10),
                () -> sink.frames().size() >= 1000);
        List<SseFrame> received = sink.frames();
        assertThat(received).hasSize(1000);
        for (int i = 0; i < 1000; i++) {
            assertThat(received.get(i)).isEqualTo(new SseFrame("n", Integer.toString(i), "{\"n\":" + i + "}"));
        }
        assertThat(stream.isClosed()).isFalse();
        assertThat(closed).hasValue(0);
    }

    @Test
    void aClientThatStopsReadingIsDroppedWithTheReasonWithoutBlockingTheCaller() throws Exception {
        Sink sink = new Sink(false);
        AtomicInteger closed = new AtomicInteger();
        EventStream stream = new EventStream("stuck", sink, new Events(), 8, sender, 0, closed::incrementAndGet);
        long start = System.nanoTime();
        for (int i = 0; i < 10_000; i++) {
            stream.offer(new SseFrame("n", null, "{}"));
        }
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
                .as("10,000 offers to a stuck client return at once").isLessThan(2_000);
        Await.until("closed.get() != 0", Duration.ofMillis(EventStream.SEND_TIMEOUT_MILLIS * 3),
                () -> closed.get() != 0);
        assertThat(closed).as("dropped and closed once").hasValue(1);
        assertThat(sink.closed).isTrue();
        assertThat(stream.isClosed()).isTrue();
    }

    @Test
    void aDroppedClientGetsALastEventSayingWhy() throws Exception {
        Sink sink = new Sink(true);
        AtomicInteger closed = new AtomicInteger();
        EventStream stream = new EventStream("dropped", sink, new Events(), 8, sender, 0, closed::incrementAndGet);
        stream.drop("the OMS dropped this stream: it fell behind");
        Await.until("closed.get() != 0", Duration.ofSeconds(5),
                () -> closed.get() != 0);
        assertThat(sink.frames()).extracting(SseFrame::name).containsExactly("dropped");
        assertThat(sink.frames().get(0).data()).contains("it fell behind");
        assertThat(closed).hasValue(1);
    }

    @Test
    void eventsQueuedWhileAWriteIsInFlightGoOutTogetherInTheNextWrite() throws Exception {
        Sink sink = new Sink(true);
        sink.hold = new CompletableFuture<>();
        EventStream stream = new EventStream("batched", sink, new Events(), 64, sender, 0, () -> {});
        stream.offer(new SseFrame("NEW", "p:1", "{\"n\":1}"));
        Await.until("the first write is in flight", Duration.ofSeconds(5), () -> sink.sent.size() == 1);
        for (int i = 2; i <= 5; i++) {
            stream.offer(new SseFrame(i % 2 == 0 ? "FILLED" : "NEW", "p:" + i, "{\"n\":" + i + "}"));
        }
        sink.hold.complete(null);
        Await.until("five events arrived", Duration.ofSeconds(5), () -> sink.frames().size() == 5);
        assertThat(sink.sent).as("one write, then the four queued meanwhile in one more").hasSize(2);
        assertThat(sink.frames()).extracting(SseFrame::id).containsExactly("p:1", "p:2", "p:3", "p:4", "p:5");
        assertThat(sink.frames()).extracting(SseFrame::name).containsExactly("NEW", "FILLED", "NEW", "FILLED",
                "NEW");
        assertThat(sink.frames().get(3).data()).isEqualTo("{\"n\":4}");
    }

    @Test
    void eventsComingWithinTheLingerOfAnIdleStreamGoOutInOneWrite() throws Exception {
        Sink sink = new Sink(true);
        EventStream stream = new EventStream("lingering", sink, new Events(), 64, sender, 200, () -> {});
        for (int i = 1; i <= 10; i++) {
            stream.offer(new SseFrame("NEW", "p:" + i, "{\"n\":" + i + "}"));
        }
        Await.until("ten events arrived", Duration.ofSeconds(5), () -> sink.frames().size() == 10);
        assertThat(sink.sent).as("the ten in the first write").hasSize(1);
        assertThat(sink.frames()).extracting(SseFrame::id).containsExactly("p:1", "p:2", "p:3", "p:4", "p:5", "p:6",
                "p:7", "p:8", "p:9", "p:10");
    }

    @Test
    void anEventOfMoreThanOneLineIsRefused() {
        assertThatThrownBy(() -> new SseFrame("n", null, "{\n}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one line");
    }
}
