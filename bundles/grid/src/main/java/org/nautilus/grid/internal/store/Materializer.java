package org.nautilus.grid.internal.store;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.nautilus.api.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes journaled groups into the Ignite caches behind the acknowledgements, on its own thread, many groups per
 * transaction (an order's states and a position's changes within a batch collapse into one row each). Each batch
 * also records the journal sequence it covers, so a restart replays only what follows. The number of units not
 * yet written is bounded: past {@code maxLag}, {@link #add} waits, which slows the acknowledgements down to what
 * the caches can take instead of letting memory and the replay after a crash grow without bound.
 *
 * <p>Plain Java: the {@link Sink} knows the storage.
 */
public final class Materializer implements AutoCloseable {

    /** The storage side. */
    interface Sink {

        /** Writes the groups in one transaction, with the journal sequence of the last; durable on return. */
        void write(List<Group> batch) throws Exception;

        /** The batch is in the caches (after {@link #write}). */
        void written(List<Group> batch);
    }

    /** A journal record: its units, its sequence and its bytes. */
    record Group(List<Unit> units, long journalSequence, byte[] record) {
    }

    /** Counters for status displays and benchmarks. */
    public record Stats(long batches, long units, long writeNanos, long writeCpuNanos, int lag, int maxLag) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(Materializer.class);
    /**
     * How long a small batch waits for more: an Ignite transaction costs ~0.3 ms of CPU whatever it holds, and at a
     * few thousand commands a second, transactions of 2–3 commands took a core from the acknowledgements.
     */
    static final long LINGER_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(20);

    private final String name;
    private final Sink sink;
    private final int maxBatch;
    private final int maxLag;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition added = lock.newCondition();
    private final Condition progressed = lock.newCondition();
    private final ArrayDeque<Group> queue = new ArrayDeque<>();
    /** Units added and not yet written (guarded by {@link #lock}). */
    private int lag;
    private long lastAdded;
    private volatile long lastWritten;
    private boolean closing;
    /** Someone waits for everything to be written: no lingering. */
    private int urgent;
    private volatile Throwable failure;
    private final java.util.function.Consumer<Throwable> onFailure;
    private final Thread thread;
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong units = new AtomicLong();
    private final AtomicLong writeNanos = new AtomicLong();
    private final AtomicLong writeCpuNanos = new AtomicLong();

    /**
     * @param lastWritten the journal sequence the caches already hold
     * @param onFailure   called once if a batch cannot be written (the caches then stay behind the journal
     *                    until a restart replays it)
     */
    Materializer(String name, Sink sink, int maxBatch, int maxLag, long lastWritten,
                 java.util.function.Consumer<Throwable> onFailure) {
        this.name = name;
        this.sink = sink;
        this.maxBatch = maxBatch;
        this.maxLag = maxLag;
        this.lastWritten = lastWritten;
        this.lastAdded = lastWritten;
        this.onFailure = onFailure;
        this.thread = new Thread(this::run, name + "-materializer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Waits until fewer than {@code maxLag} units are waiting to be written (or the materializer failed). */
    void awaitRoom() {
        lock.lock();
        try {
            while (lag >= maxLag && failure == null && !closing) {
                progressed.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Queues a journaled group (journal sequences increase). */
    void add(Group group) {
        lock.lock();
        try {
            queue.add(group);
            lag += group.units().size();
            lastAdded = group.journalSequence();
            added.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until everything added so far is in the caches (a read that must see every acknowledged write).
     *
     * @throws StoreException if that takes longer than {@code timeout} or the materializer failed
     */
    void awaitWritten(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        urgent++;
        added.signal();
        try {
            long target = lastAdded;
            while (lastWritten < target) {
                if (failure != null) {
                    throw new StoreException(name + ": the caches stay behind the journal: " + failure.getMessage(),
                            failure);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new StoreException(name + ": the caches are " + lag + " command(s) behind the journal "
                            + "after waiting " + timeout.toMillis() + " ms");
                }
                progressed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(name + ": interrupted while waiting for the caches", e);
        } finally {
            urgent--;
            lock.unlock();
        }
    }

    Stats stats() {
        lock.lock();
        try {
            return new Stats(batches.get(), units.get(), writeNanos.get(), writeCpuNanos.get(), lag, maxLag);
        } finally {
            lock.unlock();
        }
    }

    Throwable failure() {
        return failure;
    }

    /** Writes what was added, then stops. */
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
        try {
            thread.join(TimeUnit.MINUTES.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("{}: still writing after 2 minutes; the rest is replayed from the journal at the next start", name);
            thread.interrupt();
        }
    }

    private void run() {
        List<Group> batch = new ArrayList<>();
        while (true) {
            batch.clear();
            int size = 0;
            long sequence;
            lock.lock();
            try {
                while (queue.isEmpty() && !closing) {
                    added.awaitUninterruptibly();
                }
                long lingerUntil = System.nanoTime() + LINGER_NANOS;
                long left;
                while (lag < maxBatch / 4 && !closing && urgent == 0
                        && (left = lingerUntil - System.nanoTime()) > 0) {
                    added.awaitNanos(left);
                }
                if (queue.isEmpty()) {
                    return;
                }
                // Whole groups only: the journal sequence written with the batch must cover all of their units.
                sequence = lastWritten;
                while (!queue.isEmpty() && (batch.isEmpty() || size + queue.peek().units().size() <= maxBatch)) {
                    Group group = queue.poll();
                    batch.add(group);
                    size += group.units().size();
                    sequence = group.journalSequence();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
            long t0 = System.nanoTime();
            long c0 = GroupCommit.cpuTime();
            try {
                sink.write(batch);
            } catch (Throwable e) {
                LOG.error("{}: {} journaled command(s) could not be written to the caches; they stay in the journal "
                        + "and are replayed at the next start", name, size, e);
                lock.lock();
                try {
                    failure = e;
                    progressed.signalAll();
                } finally {
                    lock.unlock();
                }
                onFailure.accept(e);
                return;
            }
            writeNanos.addAndGet(System.nanoTime() - t0);
            writeCpuNanos.addAndGet(GroupCommit.cpuTime() - c0);
            batches.incrementAndGet();
            units.addAndGet(size);
            sink.written(batch);
            lock.lock();
            try {
                lag -= size;
                lastWritten = sequence;
                progressed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }
}
