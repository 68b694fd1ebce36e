package org.nautilus.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.ws.rs.core.GenericType;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.sse.OutboundSseEvent;
import javax.ws.rs.sse.Sse;
import javax.ws.rs.sse.SseBroadcaster;
import javax.ws.rs.sse.SseEventSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
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

    /**
     * A connection: takes events at once, or never (a client that stopped reading). {@link #frames} reads what it
     * got as a client does: the bytes Aries' {@code OutboundSseEventBodyWriter} writes for each sent event
     * ({@code event:}, {@code id:}, {@code data:} lines, the data as it is, a blank line), parsed as text/event-stream.
     */
    private static final class Sink implements SseEventSink {
        final List<OutboundSseEvent> sent = new CopyOnWriteArrayList<>();
        final boolean reading;
        volatile boolean closed;
        /** Events received (a write may carry several). */
        final AtomicInteger count = new AtomicInteger();
        /** When set, the first write completes only when this does. */
        volatile CompletableFuture<Object> hold;

        Sink(boolean reading) {
            this.reading = reading;
        }

        @Override
        public boolean isClosed() {
            return closed;
        }

        @Override
        public CompletionStage<?> send(OutboundSseEvent event) {
            if (!reading) {
                return new CompletableFuture<>();
            }
            sent.add(event);
            count.addAndGet(String.valueOf(event.getData()).split("\n\nevent: ", -1).length);
            CompletableFuture<Object> held = hold;
            if (held != null && sent.size() == 1) {
                return held;
            }
            return CompletableFuture.completedFuture(null);
        }

        List<SseFrame> frames() {
            StringBuilder wire = new StringBuilder();
            for (OutboundSseEvent event : sent) {
                if (event.getName() != null) {
                    wire.append("event: ").append(event.getName()).append('\n');
                }
                if (event.getId() != null) {
                    wire.append("id: ").append(event.getId()).append('\n');
                }
                wire.append("data: ").append(event.getData()).append("\n\n");
            }
            List<SseFrame> frames = new ArrayList<>();
            for (String block : wire.toString().split("\n\n")) {
                String name = null;
                String id = null;
                String data = null;
                for (String line : block.split("\n")) {
                    if (line.startsWith("event: ")) {
                        name = line.substring(7);
                    } else if (line.startsWith("id: ")) {
                        id = line.substring(4);
                    } else if (line.startsWith("data: ")) {
                        data = line.substring(6);
                    }
                }
                if (name != null) {
                    frames.add(new SseFrame(name, id, data));
                }
            }
            return frames;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** The event factory JAX-RS hands a resource. */
    private static final class Events implements Sse {
        @Override
        public OutboundSseEvent.Builder newEventBuilder() {
            return new Builder();
        }

        @Override
        public SseBroadcaster newBroadcaster() {
            throw new UnsupportedOperationException("not used by EventStream");
        }
    }

    private static final class Builder implements OutboundSseEvent.Builder {
        private String id;
        private String name;
        private Object data;

        @Override
        public OutboundSseEvent.Builder id(String value) {
            id = value;
            return this;
        }

        @Override
        public OutboundSseEvent.Builder name(String value) {
            name = value;
            return this;
        }

        @Override
        public OutboundSseEvent.Builder reconnectDelay(long milliseconds) {
            return this;
        }

        @Override
        public OutboundSseEvent.Builder mediaType(MediaType mediaType) {
            return this;
        }

        @Override
        public OutboundSseEvent.Builder comment(String comment) {
            return this;
        }

        @Override
        public OutboundSseEvent.Builder data(Class type, Object value) {
            data = value;
            return this;
        }

        @Override
        public OutboundSseEvent.Builder data(GenericType type, Object value) {
            data = value;
            return this;
        }

        @Override
        public OutboundSseEvent.Builder data(Object value) {
            data = value;
            return this;
        }

        @Override
        public OutboundSseEvent build() {
            String eventId = id;
            String eventName = name;
            Object eventData = data;
            return new OutboundSseEvent() {
                @Override
                public Class<?> getType() {
                    return String.class;
                }

                @Override
                public Type getGenericType() {
                    return String.class;
                }

                @Override
                public MediaType getMediaType() {
                    return MediaType.APPLICATION_JSON_TYPE;
                }

                @Override
                public Object getData() {
                    return eventData;
                }

                @Override
                public String getId() {
                    return eventId;
                }

                @Override
                public String getName() {
                    return eventName;
                }

                @Override
                public String getComment() {
                    return null;
                }

                @Override
                public long getReconnectDelay() {
                    return -1;
                }

                @Override
                public boolean isReconnectDelaySet() {
                    return false;
                }
            };
        }
    }

}
