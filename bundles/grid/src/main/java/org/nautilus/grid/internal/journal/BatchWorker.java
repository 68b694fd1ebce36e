package org.nautilus.grid.internal.journal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.ObjLongConsumer;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread that handles, in batches and in the order they were added, the items other threads hand it: the
 * queue, the lock and conditions that wake the thread and its waiters, the bound on what is waiting, and the way
 * it stops. The group commit's committer and acknowledger and the materializer each run on one.
 *
 * <p>Items are numbered 1, 2, ... as they are added (under the lock, so numbers follow the queue's order). A
 * batch takes whole items up to {@code maxBatch} of their weight (at least one item). With a linger, a thread
 * that finds less than {@code lingerBelow} waiting waits up to the linger for more, unless someone waits for
 * everything to be handled. A handler that throws stops the worker: what is queued is dropped, later items are
 * refused, and {@code onFailure} is told once (on the worker's thread, or on the thread that {@link #halt halts}
 * it).
 *
 * <p>Configured with the setters, then {@link #start() started}.
 *
 * @param <T> the items
 */
public final class BatchWorker<T> implements AutoCloseable {

    /** Handles one batch, on the worker's thread; a throw stops the worker. */
    @FunctionalInterface
    public interface Handler<T> {
        void handle(List<T> batch) throws Throwable;
    }

    private static final Logger LOG = LoggerFactory.getLogger(BatchWorker.class);

    private final String name;
    private final Handler<T> handler;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition added = lock.newCondition();
    private final Condition progressed = lock.newCondition();
    private final ArrayDeque<T> queue = new ArrayDeque<>();
    private final Thread thread;
    private ToIntFunction<T> weight = item -> 1;
    private ObjLongConsumer<T> numbering = (item, number) -> {};
    private Consumer<Throwable> onFailure = e -> {};
    private volatile int maxBatch = Integer.MAX_VALUE;
    private long lingerNanos;
    private int lingerBelow;
    private long closeTimeoutMillis = TimeUnit.MINUTES.toMillis(2);
    /** Guarded by {@link #lock}: the number of the last item added, the weight added and not yet handled. */
    private long lastAdded;
    private long pending;
    private boolean closing;
    /** Guarded by {@link #lock}: threads waiting for everything to be handled (no lingering meanwhile). */
    private int urgent;
    private volatile long lastHandled;
    private volatile Throwable failure;

    /** @param name the thread's name */
    public BatchWorker(String name, Handler<T> handler) {
        this.name = name;
        this.handler = handler;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
    }

    /** An item's share of {@link #maxBatch} and of the {@link #awaitRoom room} (default 1). */
    public BatchWorker<T> weight(ToIntFunction<T> value) {
        weight = value;
        return this;
    }

    /** Told each item's number as it is added, under the lock (before the thread can see the item). */
    public BatchWorker<T> numbering(ObjLongConsumer<T> value) {
        numbering = value;
        return this;
    }

    public BatchWorker<T> onFailure(Consumer<Throwable> value) {
        onFailure = value;
        return this;
    }

    /** How long {@link #close} waits for what is queued before it interrupts the thread. */
    public BatchWorker<T> closeTimeout(long millis) {
        closeTimeoutMillis = millis;
        return this;
    }

    /** Waits up to {@code nanos} for more while less than {@code below} of weight is waiting. */
    public BatchWorker<T> linger(long nanos, int below) {
        lingerNanos = nanos;
        lingerBelow = below;
        return this;
    }

    /** At most this much weight per batch (a single heavier item still goes alone); may change while running. */
    public BatchWorker<T> maxBatch(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("max batch must be at least 1, got " + value);
        }
        maxBatch = value;
        return this;
    }

    public int maxBatch() {
        return maxBatch;
    }

    public BatchWorker<T> start() {
        thread.start();
        return this;
    }

    /**
     * Hands an item over.
     *
     * @return its number, or {@code -1} if the worker is closing or failed (the item is not taken)
     */
    public long add(T item) {
        lock.lock();
        try {
            if (closing || failure != null) {
                return -1;
            }
            long number = ++lastAdded;
            numbering.accept(item, number);
            queue.add(item);
            int w = weight.applyAsInt(item);
            pending += w;
            // Wake the thread only when it can act: it waits for a first item, or lingers until enough is waiting
            // (each wake-up for nothing is a runnable thread more on a small node). A busy thread looks again anyway.
            if (queue.size() == 1 || (pending >= lingerBelow && pending - w < lingerBelow)) {
                added.signal();
            }
            return number;
        } finally {
            lock.unlock();
        }
    }

    /** The number of the last item added (0 before the first). */
    public long lastAdded() {
        lock.lock();
        try {
            return lastAdded;
        } finally {
            lock.unlock();
        }
    }

    /** The number of the last item handled. */
    public long lastHandled() {
        return lastHandled;
    }

    /** Weight added and not yet handled (queued or in the handler). */
    public long pending() {
        lock.lock();
        try {
            return pending;
        } finally {
            lock.unlock();
        }
    }

    /** The failure that stopped the worker, {@code null} while it works. */
    public Throwable failure() {
        return failure;
    }

    /** Waits until less than {@code limit} of weight is pending, or the worker failed or closes. */
    public void awaitRoom(long limit) {
        lock.lock();
        try {
            while (pending >= limit && failure == null && !closing) {
                progressed.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until every item added before the call is handled, skipping the linger meanwhile.
     *
     * @return {@code false} if the worker failed (see {@link #failure()}) or {@code timeoutNanos} passed first
     */
    public boolean awaitHandled(long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        lock.lock();
        urgent++;
        added.signal();
        try {
            long target = lastAdded;
            while (lastHandled < target) {
                long left = deadline - System.nanoTime();
                if (failure != null || left <= 0) {
                    return false;
                }
                progressed.awaitNanos(left);
            }
            return true;
        } finally {
            urgent--;
            lock.unlock();
        }
    }

    /** Stops the worker as if its handler had failed with {@code why} (a later stage cannot follow). */
    public void halt(Throwable why) {
        stopWith(why);
    }

    /** Handles what was added, then stops; waits up to the close timeout for it, then interrupts the thread. */
    @Override
    public void close() {
        lock.lock();
        try {
            closing = true;
            added.signalAll();
            progressed.signalAll();
        } finally {
            lock.unlock();
        }
        if (Thread.currentThread() == thread || !thread.isAlive()) {
            return;
        }
        try {
            thread.join(closeTimeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("{}: still working after {} ms; interrupting it", name, closeTimeoutMillis);
            thread.interrupt();
        }
    }

    private void run() {
        List<T> batch = new ArrayList<>();
        while (true) {
            batch.clear();
            long last;
            int size = 0;
            lock.lock();
            try {
                while (queue.isEmpty() && !closing && failure == null) {
                    added.awaitUninterruptibly();
                }
                if (lingerNanos > 0) {
                    long lingerUntil = System.nanoTime() + lingerNanos;
                    long left;
                    while (pending < lingerBelow && !closing && urgent == 0 && failure == null
                            && (left = lingerUntil - System.nanoTime()) > 0) {
                        added.awaitNanos(left);
                    }
                }
                if (queue.isEmpty() || failure != null) {
                    return;
                }
                int max = maxBatch;
                while (!queue.isEmpty() && (batch.isEmpty() || size + weight.applyAsInt(queue.peek()) <= max)) {
                    T item = queue.poll();
                    batch.add(item);
                    size += weight.applyAsInt(item);
                }
                last = lastAdded - queue.size();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
            try {
                handler.handle(batch);
            } catch (Throwable e) {
                stopWith(e);
                return;
            }
            lock.lock();
            try {
                pending -= size;
                lastHandled = last;
                progressed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private void stopWith(Throwable e) {
        lock.lock();
        try {
            if (failure != null) {
                return;
            }
            failure = e;
            queue.clear();
            added.signalAll();
            progressed.signalAll();
        } finally {
            lock.unlock();
        }
        onFailure.accept(e);
    }
}
