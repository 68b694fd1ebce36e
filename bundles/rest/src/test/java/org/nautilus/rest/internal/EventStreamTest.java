package org.nautilus.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 * A client's event stream: events reach a client that keeps up, in order; a client that stops reading is dropped
 * with the reason once its buffer is full, and offering to it never blocks the caller.
 */
class EventStreamTest {

    private final ExecutorService sender = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        sender.shutdownNow();
    }

    @Test
    void aClientThatKeepsUpGetsEveryEventInOrder() throws Exception {
        Sink sink = new Sink(true);
        AtomicInteger closed = new AtomicInteger();
        EventStream stream = new EventStream("fast", sink, new Events(), 16, sender, closed::incrementAndGet);
        for (int i = 0; i < 1000; i++) {
            stream.offer("n", Integer.toString(i), "{\"n\":" + i + "}");
            while (sink.sent.size() < i - 8) {
                Thread.onSpinWait();
            }
        }
        Await.until("sink.sent.size() >= 1000", Duration.ofSeconds(10),
                () -> sink.sent.size() >= 1000);
        assertThat(sink.sent).hasSize(1000);
        for (int i = 0; i < 1000; i++) {
            assertThat(sink.sent.get(i).getId()).isEqualTo(Integer.toString(i));
        }
        assertThat(stream.isClosed()).isFalse();
        assertThat(closed).hasValue(0);
    }

    @Test
    void aClientThatStopsReadingIsDroppedWithTheReasonWithoutBlockingTheCaller() throws Exception {
        Sink sink = new Sink(false);
        AtomicInteger closed = new AtomicInteger();
        EventStream stream = new EventStream("stuck", sink, new Events(), 8, sender, closed::incrementAndGet);
        long start = System.nanoTime();
        for (int i = 0; i < 10_000; i++) {
            stream.offer("n", null, "{}");
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
        EventStream stream = new EventStream("dropped", sink, new Events(), 8, sender, closed::incrementAndGet);
        stream.drop("the OMS dropped this stream: it fell behind");
        Await.until("closed.get() != 0", Duration.ofSeconds(5),
                () -> closed.get() != 0);
        assertThat(sink.sent).extracting(OutboundSseEvent::getName).containsExactly("dropped");
        assertThat((String) sink.sent.get(0).getData()).contains("it fell behind");
        assertThat(closed).hasValue(1);
    }

    /** A connection: takes events at once, or never (a client that stopped reading). */
    private static final class Sink implements SseEventSink {
        final List<OutboundSseEvent> sent = new CopyOnWriteArrayList<>();
        final boolean reading;
        volatile boolean closed;

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
            return CompletableFuture.completedFuture(null);
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
