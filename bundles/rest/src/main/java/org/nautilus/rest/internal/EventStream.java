package org.nautilus.rest.internal;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
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
 * takes longer than {@link #SEND_TIMEOUT_MILLIS} to take a write, is dropped with the reason in a last
 * {@code dropped} event: a slow client never stalls the platform or the other clients.
 *
 * <p>No thread waits for a client: each drain hands everything queued (up to {@link #MAX_BATCH} events) to the
 * connection in ONE write and returns; the write's completion starts the next drain. With 100 clients and order
 * events at full rate, one write and one flush per event per client (what waiting for each send did) cost more
 * than the order entry itself; batched, a client that keeps up gets one write per drain, and its events arrive as
 * before, in order, each a complete event of its own.
 *
 * <p>A drain waits {@code lingerMillis} after the first event it finds the stream idle for, so that what comes in
 * those milliseconds goes out in the same write: at full order rate each client gets a few dozen writes a second
 * instead of one per event or two (a desk's screen does not see 10 ms; a node serving 100 clients saves most of the
 * writes, each a trip through the JAX-RS SSE writer and a syscall).
 */
final class EventStream {

    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
    static final long SEND_TIMEOUT_MILLIS = 5_000;
    /** The most events one write carries (about 300 bytes each). */
    static final int MAX_BATCH = 256;

    private final String name;
    private final SseEventSink sink;
    private final Sse sse;
    private final int capacity;
    private final BlockingQueue<SseFrame> queue;
    private final ScheduledExecutorService sender;
    private final long lingerMillis;
    private final Runnable onClose;
    /** A drain is scheduled or running, or a write is in flight: at most one of them at a time. */
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile String droppedBecause;

    EventStream(String name, SseEventSink sink, Sse sse, int capacity, ScheduledExecutorService sender,
            long lingerMillis, Runnable onClose) {
        this.name = name;
        this.sink = sink;
        this.sse = sse;
        this.capacity = capacity;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.sender = sender;
        this.lingerMillis = lingerMillis;
        this.onClose = onClose;
    }

    String name() {
        return name;
    }

    boolean isClosed() {
        return closed.get() || sink.isClosed();
    }

    /** Queues one event; never blocks. A full queue drops the client. */
    void offer(SseFrame frame) {
        if (closed.get() || droppedBecause != null) {
            return;
        }
        if (!queue.offer(frame)) {
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
        if (busy.compareAndSet(false, true)) {
            try {
                if (lingerMillis > 0 && droppedBecause == null) {
                    sender.schedule(this::drain, lingerMillis, TimeUnit.MILLISECONDS);
                } else {
                    sender.execute(this::drain);
                }
            } catch (RuntimeException rejected) {
                // The executor is shutting down with the HTTP API.
                busy.set(false);
                close();
            }
        }
    }

    /** Writes what is queued, or the last {@code dropped} event; the write's completion schedules the next drain. */
    private void drain() {
        if (closed.get()) {
            busy.set(false);
            return;
        }
        StringBuilder text = null;
        SseFrame first = queue.poll();
        String why = droppedBecause;
        boolean last = false;
        if (first == null && why != null) {
            first = new SseFrame("dropped", null, "{\"reason\":" + Json.write(why) + "}");
            last = true;
        }
        if (first == null) {
            busy.set(false);
            // An offer that came between the poll and the release found the stream busy: take it now.
            if (!queue.isEmpty()) {
                schedule();
            }
            return;
        }
        SseFrame next;
        for (int n = 1; !last && n < MAX_BATCH && (next = queue.poll()) != null; n++) {
            if (text == null) {
                text = new StringBuilder(first.data().length() * 4 + 256).append(first.data());
            }
            text.append("\n\n");
            next.appendTo(text);
        }
        write(first, text == null ? first.data() : text.toString(), last);
    }

    /**
     * One write of {@code first} and the events after it. JAX-RS's event carries the first event's name and id and
     * the rest in its data: Aries' writer puts {@code event:}/{@code id:}/{@code data:} before the data and the
     * blank line after it, and writes the data as it is, so the client reads each event as its own.
     */
    private void write(SseFrame first, String data, boolean last) {
        OutboundSseEvent.Builder event = sse.newEventBuilder().name(first.name()).data(data);
        if (first.id() != null) {
            event.id(first.id());
        }
        try {
            sink.send(event.build()).toCompletableFuture().orTimeout(SEND_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                    .whenComplete((done, failure) -> written(failure, last));
        } catch (RuntimeException e) {
            written(e, last);
        }
    }

    private void written(Throwable failure, boolean last) {
        if (failure instanceof TimeoutException) {
            droppedBecause = "it did not take a write within " + SEND_TIMEOUT_MILLIS + " ms";
            LOG.warn("event stream {} dropped: {}", name, droppedBecause);
            close();
        } else if (failure != null || last) {
            // The client went away, or it has its last event.
            close();
        }
        busy.set(false);
        if (!closed.get() && (!queue.isEmpty() || droppedBecause != null)) {
            schedule();
        }
    }

    void close() {
        if (closed.compareAndSet(false, true)) {
            queue.clear();
            try {
                sink.close();
            } catch (Exception e) {
                LOG.debug("closing event stream {}", name, e);
            }
            onClose.run();
        }
    }
}
