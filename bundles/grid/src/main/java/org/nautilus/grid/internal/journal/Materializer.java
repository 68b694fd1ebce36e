package org.nautilus.grid.internal.journal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.nautilus.api.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes journaled groups into the store's caches behind the acknowledgements, on its own thread, many groups per
 * transaction (an order's states and a position's changes within a batch collapse into one row each). Each batch
 * also records the journal sequence it covers, so a restart replays only what follows. The number of units not
 * yet written is bounded: past {@code maxLag}, {@link #awaitRoom} waits, which slows the acknowledgements down to
 * what the caches can take instead of letting memory and the replay after a crash grow without bound.
 *
 * <p>Plain Java: the {@link Sink} knows the storage.
 *
 * @param <U> the units of work in a group
 */
public final class Materializer<U> implements AutoCloseable {

    /** The storage side. */
    public interface Sink<U> {

        /** Writes the groups in one transaction, with the journal sequence of the last; durable on return. */
        void write(List<Group<U>> batch) throws Exception;

        /** The batch is in the caches (after {@link #write}). */
        void written(List<Group<U>> batch);
    }

    /** A journal record: its units, its sequence and its bytes. */
    public record Group<U>(List<U> units, long journalSequence, byte[] record) {
    }

    /** Counters for status displays and benchmarks. */
    public record Stats(long batches, long units, long writeNanos, long writeCpuNanos, int lag, int maxLag) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(Materializer.class);
    /**
     * How long a small batch waits for more: an Ignite transaction costs ~0.3 ms of CPU whatever it holds, and at a
     * few thousand commands a second, transactions of 2–3 commands took a core from the acknowledgements.
     */
    static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final String name;
    private final Sink<U> sink;
    private final int maxLag;
    private final BatchWorker<Group<U>> worker;
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong units = new AtomicLong();
    private final AtomicLong writeNanos = new AtomicLong();
    private final AtomicLong writeCpuNanos = new AtomicLong();

    /**
     * @param maxBatch  units per transaction at most (whole groups: a larger group goes alone)
     * @param onFailure called once if a batch cannot be written (the caches then stay behind the journal until a
     *                  restart replays it)
     */
    public Materializer(String name, Sink<U> sink, int maxBatch, int maxLag, Consumer<Throwable> onFailure) {
        this.name = name;
        this.sink = sink;
        this.maxLag = maxLag;
        this.worker = new BatchWorker<Group<U>>(name + "-materializer", this::write)
                // Whole groups only: the journal sequence written with the batch must cover all of their units.
                .weight(group -> group.units().size()).maxBatch(maxBatch).linger(LINGER_NANOS, maxBatch / 4)
                .onFailure(e -> {
                    LOG.error("{}: journaled commands could not be written to the caches; they stay in the journal "
                            + "and are replayed at the next start", name, e);
                    onFailure.accept(e);
                }).start();
    }

    /** Waits until fewer than {@code maxLag} units are waiting to be written (or the materializer failed). */
    public void awaitRoom() {
        worker.awaitRoom(maxLag);
    }

    /**
     * Queues a journaled group (journal sequences increase). Once the materializer failed or closes the group is not
     * taken: it is in the journal, which the next start replays into the caches.
     */
    public void add(Group<U> group) {
        worker.add(group);
    }

    /**
     * Waits until everything added so far is in the caches (a read that must see every acknowledged write).
     *
     * @throws StoreException if that takes longer than {@code timeout} or the materializer failed
     */
    public void awaitWritten(Duration timeout) {
        boolean written;
        try {
            written = worker.awaitHandled(timeout.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(name + ": interrupted while waiting for the caches", e);
        }
        if (written) {
            return;
        }
        Throwable failure = worker.failure();
        if (failure != null) {
            throw new StoreException(name + ": the caches stay behind the journal: " + failure.getMessage(), failure);
        }
        throw new StoreException(name + ": the caches are " + worker.pending() + " command(s) behind the journal "
                + "after waiting " + timeout.toMillis() + " ms");
    }

    public Stats stats() {
        return new Stats(batches.get(), units.get(), writeNanos.get(), writeCpuNanos.get(),
                (int) worker.pending(), maxLag);
    }

    public Throwable failure() {
        return worker.failure();
    }

    /** Writes what was added, then stops (what is left after 2 minutes is replayed from the journal next start). */
    @Override
    public void close() {
        worker.close();
    }

    private void write(List<Group<U>> batch) throws Exception {
        long t0 = System.nanoTime();
        long c0 = GroupCommit.cpuTime();
        sink.write(batch);
        writeNanos.addAndGet(System.nanoTime() - t0);
        writeCpuNanos.addAndGet(GroupCommit.cpuTime() - c0);
        int size = 0;
        for (Group<U> group : batch) {
            size += group.units().size();
        }
        batches.incrementAndGet();
        units.addAndGet(size);
        sink.written(batch);
    }
}
