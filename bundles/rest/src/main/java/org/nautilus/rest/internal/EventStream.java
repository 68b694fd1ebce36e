package org.nautilus.rest.internal;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.ws.rs.sse.OutboundSseEvent;
import javax.ws.rs.sse.Sse;
import javax.ws.rs.sse.SseEventSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One server-sent-events client: a bounded queue filled without blocking by the platform's threads and drained to
 * the connection by a shared executor. A client that falls {@code capacity} events behind, or whose connection
 * takes longer than {@link #SEND_TIMEOUT_MILLIS} to take one event, is dropped with the reason in a last
 * {@code dropped} event: a slow client never stalls the platform or the other clients.
 */
final class EventStream {

    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
    static final long SEND_TIMEOUT_MILLIS = 5_000;

    private final String name;
    private final SseEventSink sink;
    private final Sse sse;
    private final int capacity;
    private final BlockingQueue<OutboundSseEvent> queue;
    private final Executor sender;
    private final Runnable onClose;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile String droppedBecause;

    EventStream(String name, SseEventSink sink, Sse sse, int capacity, Executor sender, Runnable onClose) {
        this.name = name;
        this.sink = sink;
        this.sse = sse;
        this.capacity = capacity;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.sender = sender;
        this.onClose = onClose;
    }

    String name() {
        return name;
    }

    boolean isClosed() {
        return closed.get() || sink.isClosed();
    }

    /** Queues one event; never blocks. A full queue drops the client. */
    void offer(String event, String id, String json) {
        if (closed.get() || droppedBecause != null) {
            return;
        }
        OutboundSseEvent.Builder builder = sse.newEventBuilder().name(event).data(json);
        if (id != null) {
            builder.id(id);
        }
        if (!queue.offer(builder.build())) {
            drop("it fell behind: its buffer of " + capacity + " events is full");
            return;
        }
        schedule();
    }

    /** Ends the stream with a last {@code dropped} event saying why (best effort: the client may be stuck). */
    void drop(String why) {
        if (droppedBecause == null) {
            droppedBecause = why;
            LOG.warn("event stream {} dropped: {}", name, why);
            queue.clear();
            schedule();
        }
    }

    private void schedule() {
        if (draining.compareAndSet(false, true)) {
            sender.execute(this::drain);
        }
    }

    private void drain() {
        try {
            OutboundSseEvent next;
            while (!closed.get() && (next = queue.poll()) != null) {
                if (!send(next)) {
                    return;
                }
            }
            String why = droppedBecause;
            if (why != null && !closed.get()) {
                send(sse.newEventBuilder().name("dropped").data("{\"reason\":" + Json.write(why) + "}").build());
                close();
            }
        } finally {
            draining.set(false);
        }
        if (!queue.isEmpty() || droppedBecause != null && !closed.get()) {
            schedule();
        }
    }

    private boolean send(OutboundSseEvent event) {
        try {
            sink.send(event).toCompletableFuture().get(SEND_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            droppedBecause = "it did not take an event within " + SEND_TIMEOUT_MILLIS + " ms";
            LOG.warn("event stream {} dropped: {}", name, droppedBecause);
            close();
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            return false;
        } catch (Exception e) {
            // The client went away.
            close();
            return false;
        }
    }

    void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                sink.close();
            } catch (Exception e) {
                LOG.debug("closing event stream {}", name, e);
            }
            onClose.run();
        }
    }
}
