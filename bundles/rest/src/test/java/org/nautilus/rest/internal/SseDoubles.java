package org.nautilus.rest.internal;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.ws.rs.core.GenericType;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.sse.OutboundSseEvent;
import javax.ws.rs.sse.Sse;
import javax.ws.rs.sse.SseBroadcaster;
import javax.ws.rs.sse.SseEventSink;

/** Test doubles of JAX-RS's server-sent events: a connection that records what a client would read, and the event factory. */
final class SseDoubles {

    private SseDoubles() {
    }

    /**
     * A connection: takes events at once, or never (a client that stopped reading). {@link #frames} reads what it
     * got as a client does: the bytes Aries' {@code OutboundSseEventBodyWriter} writes for each sent event
     * ({@code event:}, {@code id:}, {@code data:} lines, the data as it is, a blank line), parsed as text/event-stream.
     */
    static final class Sink implements SseEventSink {
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
    static final class Events implements Sse {
        @Override
        public OutboundSseEvent.Builder newEventBuilder() {
            return new Builder();
        }

        @Override
        public SseBroadcaster newBroadcaster() {
            throw new UnsupportedOperationException("not used by EventStream");
        }
    }

    static final class Builder implements OutboundSseEvent.Builder {
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
