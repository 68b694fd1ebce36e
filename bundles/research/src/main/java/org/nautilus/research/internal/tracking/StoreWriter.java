package org.nautilus.research.internal.tracking;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.nautilus.api.research.tracking.TrackingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes tracking records to the durable store on a thread of its own, so logging never waits for the store.
 * Writes of one key are coalesced (only the newest text is written), in the order keys were first changed;
 * {@link #flush()} waits until everything written before it is stored. A failed write is logged and retried with
 * the next batch.
 */
final class StoreWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StoreWriter.class);

    private final TrackingStore store;
    private final Thread thread;
    // Guarded by this: key -> the newest text (made on the writer thread, once per batch), null = remove.
    private Map<String, Supplier<String>> pending = new LinkedHashMap<>();
    private long requested;
    private long written;
    private boolean closed;

    StoreWriter(TrackingStore store) {
        this.store = store;
        this.thread = new Thread(this::run, "nautilus-tracking-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Writes {@code text.get()}, made on the writer thread: logging pays for no serialization. */
    synchronized void put(String key, Supplier<String> text) {
        pending.put(key, text);
        requested++;
        notifyAll();
    }

    synchronized void remove(String key) {
        pending.put(key, null);
        requested++;
        notifyAll();
    }

    /** Waits until everything put or removed before this call is in the store. */
    synchronized void flush() {
        long target = requested;
        while (written < target && !closed) {
            try {
                wait(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void run() {
        while (true) {
            Map<String, Supplier<String>> batch;
            long upTo;
            synchronized (this) {
                while (pending.isEmpty() && !closed) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (pending.isEmpty()) {
                    return;
                }
                batch = pending;
                pending = new LinkedHashMap<>();
                upTo = requested;
            }
            if (!write(batch)) {
                synchronized (this) {
                    // Retry with whatever comes next; newer texts of the same keys win.
                    batch.putAll(pending);
                    pending = new LinkedHashMap<>(batch);
                }
                sleep();
                continue;
            }
            synchronized (this) {
                written = upTo;
                notifyAll();
            }
        }
    }

    private boolean write(Map<String, Supplier<String>> batch) {
        Map<String, String> puts = new LinkedHashMap<>();
        List<String> removals = new ArrayList<>();
        try {
            batch.forEach((key, text) -> {
                if (text == null) {
                    removals.add(key);
                } else {
                    puts.put(key, text.get());
                }
            });
            if (!removals.isEmpty()) {
                store.remove(removals);
            }
            if (!puts.isEmpty()) {
                store.put(puts);
            }
            return true;
        } catch (RuntimeException e) {
            LOG.warn("Tracking store write of {} records failed, retrying: {}", batch.size(), e.toString());
            return false;
        }
    }

    private void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes what is pending, then stops. */
    @Override
    public void close() {
        flush();
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
