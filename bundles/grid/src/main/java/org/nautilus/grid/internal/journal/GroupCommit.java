package org.nautilus.grid.internal.journal;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.nautilus.api.store.Commit;
import org.nautilus.api.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Units of work bound to threads, and the one committer thread that writes them in groups: each round it takes
 * every unit handed over since the last round (at most {@code maxBatch}) and writes them with one
 * {@link Writer#write} (one transaction, one log sync), then releases the callers waiting for those units. While
 * one group is being written the next one gathers, so the number of syncs per second stays bounded while the
 * number of units per sync grows with the load. {@code maxBatch = 1} gives one sync per unit (for comparison).
 *
 * <p>Units are written in the order they were handed over; a failed write fails that group and every later unit
 * (the store is then behind its writers: they must stop and recover), so no unit is ever durable while an earlier
 * one is not. The actions waiting for a commit ({@link Commit#whenDone}: the OMS's asynchronous acknowledgements)
 * run on an acknowledger thread of their own, so the committer starts the next group's write as soon as the last
 * one is durable instead of after every acknowledgement of it. Plain Java: the writer is the only part that knows
 * the storage.
 *
 * @param <U> the units of work
 */
public final class GroupCommit<U extends UnitOfWork> implements AutoCloseable {

    /** Writes groups of units; the storage side of the group commit. */
    @FunctionalInterface
    public interface Writer<U> {

        /**
         * Prepares a unit (e.g. encodes it) before it is written, on the thread that waits for it if that thread
         * gets to it first (the usual case: the committer is busy with the group before), else on the committer.
         * It runs after the unit was handed over, so after the caller released whatever it held while writing
         * the unit (the OMS's partition). Must not fail for valid data.
         */
        default void prepare(U unit) {
        }

        /** Writes the units of one group atomically, in their order; returns once they are durable. */
        void write(List<U> group) throws Exception;
    }

    /**
     * Counters for status displays and benchmarks.
     *
     * @param slowWrites groups whose write (sync included) took over {@value #SLOW_WRITE_MILLIS} ms: the committer's
     *                   share of the acknowledgements' latency tail
     * @param writes     how long each group's write took (sync included)
     * @param waits      how long each unit took from its hand-over until durable: its wait for the group before,
     *                   then its own group's write (the store's share of an acknowledgement)
     * @param callbacks  how long after a group was durable its last waiting action ({@link Commit#whenDone}) had
     *                   run: the acknowledger's share
     */
    public record Stats(long groups, long units, long entries, long writeNanos, long writeCpuNanos, int maxBatch,
            long slowWrites, Durations.Snapshot writes, Durations.Snapshot waits,
            Durations.Snapshot callbacks) {

        public double unitsPerGroup() {
            return groups == 0 ? 0 : (double) units / groups;
        }

        public double averageWriteMicros() {
            return groups == 0 ? 0 : writeNanos / 1000.0 / groups;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);
    public static final int SLOW_WRITE_MILLIS = 5;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final String name;
    private final Supplier<U> newUnit;
    private final Writer<U> writer;
    private final Duration timeout;
    private final ThreadLocal<U> current = new ThreadLocal<>();
    /** The committer: takes the handed-over units in groups and writes them. */
    private final BatchWorker<U> committer;
    /** Runs the actions waiting for commits, after each group the committer made durable. */
    private final BatchWorker<Durable> acknowledger;
    private volatile long durable;
    private volatile StoreException failure;
    /**
     * Callers waiting for their unit. The committer wakes only those whose unit just became durable (a
     * {@code notifyAll} on one monitor woke every waiting caller after each group: with many callers that was most
     * of the process's context switches).
     */
    private final ConcurrentLinkedQueue<Waiter> waiters = new ConcurrentLinkedQueue<>();
    /** Actions to run when their unit is durable ({@link Commit#whenDone}), run by the acknowledger. */
    private final ConcurrentLinkedQueue<Callback> callbacks = new ConcurrentLinkedQueue<>();
    private final AtomicLong groups = new AtomicLong();
    private final AtomicLong units = new AtomicLong();
    private final AtomicLong entries = new AtomicLong();
    private final AtomicLong writeNanos = new AtomicLong();
    private final AtomicLong slowWrites = new AtomicLong();
    /** CPU time the committer spent in {@link Writer#write} (on a shared machine wall time says little). */
    private final AtomicLong writeCpuNanos = new AtomicLong();
    private final Durations writes = new Durations();
    private final Durations waits = new Durations();
    private final Durations callbackDelays = new Durations();

    /**
     * @param newUnit  a new, empty unit
     * @param maxBatch at most this many units per group (1: one write per unit)
     * @param timeout  how long a caller waits for its unit before the store is declared failed
     */
    public GroupCommit(String name, Supplier<U> newUnit, Writer<U> writer, int maxBatch, Duration timeout) {
        this.name = name;
        this.newUnit = newUnit;
        this.writer = writer;
        this.timeout = timeout;
        this.committer = new BatchWorker<U>(name + "-committer", this::commitGroup).maxBatch(maxBatch)
                .numbering((unit, number) -> unit.sequence = number).closeTimeout(timeout.toMillis())
                .onFailure(this::fail);
        this.acknowledger = new BatchWorker<Durable>(name + "-acknowledger", this::acknowledge)
                .closeTimeout(timeout.toMillis());
        acknowledger.start();
        committer.start();
    }

    public void maxBatch(int value) {
        committer.maxBatch(value);
    }

    // ------------------------------------------------------------------ units of work

    public void begin() {
        U unit = current.get();
        if (unit == null) {
            unit = newUnit.get();
            current.set(unit);
        }
        unit.depth++;
    }

    public Commit end() {
        U unit = current.get();
        if (unit == null) {
            throw new IllegalStateException("no unit of work is open on thread " + Thread.currentThread().getName());
        }
        if (--unit.depth > 0) {
            return Commit.DONE;
        }
        current.remove();
        return handOver(unit);
    }

    public boolean inUnit() {
        return current.get() != null;
    }

    /**
     * Applies {@code write} to the calling thread's unit; outside a unit, to a unit of its own that is committed
     * and durable before this returns.
     *
     * @throws StoreException if that own unit could not be committed
     */
    public void write(Consumer<U> write) {
        U unit = current.get();
        if (unit != null) {
            write.accept(unit);
            return;
        }
        U own = newUnit.get();
        write.accept(own);
        handOver(own).await();
    }

    /** A commit durable once everything handed over so far is. */
    public Commit flush() {
        return new SequenceCommit(committer.lastAdded(), null);
    }

    public Stats stats() {
        return new Stats(groups.get(), units.get(), entries.get(), writeNanos.get(), writeCpuNanos.get(),
                committer.maxBatch(), slowWrites.get(), writes.snapshot(), waits.snapshot(),
                callbackDelays.snapshot());
    }

    /** The failure that stopped the committer, {@code null} while it works. */
    public StoreException failure() {
        return failure;
    }

    /** Writes what was handed over, then stops; later units fail. */
    @Override
    public void close() {
        committer.close();
        acknowledger.close();
    }

    private Commit handOver(U unit) {
        StoreException failed = failure;
        if (failed == null && !unit.isEmpty()) {
            unit.handedOverNanos = System.nanoTime();
            if (committer.add(unit) > 0) {
                return new SequenceCommit(unit.sequence, unit);
            }
            Throwable stopped = committer.failure();
            failed = failure != null || stopped == null ? failure
                    : new StoreException(name + ": commit failed: " + stopped.getMessage(), stopped);
        }
        if (failed != null) {
            return new FailedCommit(new StoreException(failed.getMessage(), failed));
        }
        if (unit.isEmpty()) {
            return new SequenceCommit(committer.lastAdded(), null);
        }
        return new FailedCommit(new StoreException(name + " is closed: nothing more can be committed"));
    }

    /**
     * Prepares {@code unit} if no other thread has claimed it.
     *
     * @return {@code false} if another thread is preparing or has prepared it
     */
    private boolean tryPrepare(U unit) {
        if (!unit.preparation.compareAndSet(UnitOfWork.NEW, UnitOfWork.PREPARING)) {
            return false;
        }
        try {
            writer.prepare(unit);
            unit.preparation.set(UnitOfWork.PREPARED);
        } catch (Throwable e) {
            unit.prepareFailure = e;
            unit.preparation.set(UnitOfWork.FAILED);
        }
        return true;
    }

    /** Committer: the unit prepared, by itself or by the thread that claimed it (which is about to finish). */
    private void awaitPrepared(U unit) throws Throwable {
        tryPrepare(unit);
        int spins = 0;
        int state;
        while ((state = unit.preparation.get()) == UnitOfWork.PREPARING) {
            if (++spins < 100) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(20_000);
            }
        }
        if (state == UnitOfWork.FAILED) {
            throw unit.prepareFailure;
        }
    }

    // ------------------------------------------------------------------ committer

    /** Writes one group, then releases its waiters and hands its actions to the acknowledger. */
    private void commitGroup(List<U> group) throws Throwable {
        long t0 = System.nanoTime();
        long c0 = cpuTime();
        for (U unit : group) {
            awaitPrepared(unit);
        }
        writer.write(group);
        long t1 = System.nanoTime();
        long took = t1 - t0;
        writeNanos.addAndGet(took);
        writes.record(took);
        if (took > SLOW_WRITE_MILLIS * 1_000_000L) {
            slowWrites.incrementAndGet();
        }
        writeCpuNanos.addAndGet(cpuTime() - c0);
        groups.incrementAndGet();
        units.addAndGet(group.size());
        long size = 0;
        for (U unit : group) {
            size += unit.size();
            waits.record(t1 - unit.handedOverNanos);
        }
        entries.addAndGet(size);
        durable = group.get(group.size() - 1).sequence;
        wake(durable);
    }

    /** CPU time of the calling thread, 0 where the JVM does not measure it. */
    public static long cpuTime() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : 0;
    }

    /**
     * Stops committing because a later stage failed (the store's caches no longer follow its journal): every
     * waiting and later unit fails with {@code e}'s message.
     */
    public void halt(Throwable e) {
        committer.halt(e);
    }

    /** The committer stopped (its write failed, or {@link #halt}): every waiting and later unit fails. */
    private void fail(Throwable e) {
        String why = e.getMessage() == null ? e.toString() : e.getMessage();
        LOG.error("{}: a group could not be committed; the store stops committing until restarted", name, e);
        failure = new StoreException(name + ": commit failed: " + why, e);
        wake(Long.MAX_VALUE);
    }

    /** Wakes the waiters whose unit is durable and has the acknowledger run their actions (all after a failure). */
    private void wake(long upTo) {
        if (!callbacks.isEmpty()) {
            acknowledger.add(new Durable(upTo, System.nanoTime()));
        }
        for (Iterator<Waiter> it = waiters.iterator(); it.hasNext();) {
            Waiter waiter = it.next();
            if (waiter.sequence <= upTo) {
                it.remove();
                waiter.woken = true;
                LockSupport.unpark(waiter.thread);
            }
        }
    }

    /** Everything up to {@code sequence} is durable (or failed, at {@link Long#MAX_VALUE}) since {@code nanos}. */
    private record Durable(long sequence, long nanos) {
    }

    /** Acknowledger: runs the actions of every unit up to the latest mark (the failure for those not durable). */
    private void acknowledge(List<Durable> marks) {
        Durable latest = marks.get(marks.size() - 1);
        StoreException failed = failure;
        for (Iterator<Callback> it = callbacks.iterator(); it.hasNext();) {
            Callback callback = it.next();
            if (callback.sequence <= latest.sequence() && callback.claim()) {
                it.remove();
                callback.run(callback.sequence <= durable ? null : failed);
            }
        }
        callbackDelays.record(System.nanoTime() - marks.get(0).nanos());
    }

    /** An action waiting for a sequence; run once, by whoever claims it first (the committer, or the caller). */
    private static final class Callback {
        final long sequence;
        final Consumer<StoreException> action;
        private final AtomicBoolean claimed = new AtomicBoolean();

        Callback(long sequence, Consumer<StoreException> action) {
            this.sequence = sequence;
            this.action = action;
        }

        boolean claim() {
            return claimed.compareAndSet(false, true);
        }

        void run(StoreException failure) {
            try {
                action.accept(failure == null ? null : new StoreException(failure.getMessage(), failure));
            } catch (RuntimeException e) {
                LOG.warn("an action waiting for a commit failed", e);
            }
        }
    }

    /** Identity, not value, equality: removed by the committer or by itself, whichever comes first. */
    private static final class Waiter {
        final long sequence;
        final Thread thread;
        /** Removed by the committer: the waiter need not search the queue for itself (O(waiters) each). */
        volatile boolean woken;

        Waiter(long sequence, Thread thread) {
            this.sequence = sequence;
            this.thread = thread;
        }
    }

    /** Durable once every unit up to {@code sequence} is. */
    private final class SequenceCommit implements Commit {

        private final long sequence;
        /** The unit to prepare before waiting, {@code null} when there is nothing to prepare. */
        private final U unit;

        SequenceCommit(long sequence, U unit) {
            this.sequence = sequence;
            this.unit = unit;
        }

        @Override
        public void await() {
            if (!await(timeout)) {
                throw new StoreException(name + ": commit not durable after " + timeout.toMillis()
                        + " ms (the store is stuck)");
            }
        }

        @Override
        public boolean await(Duration wait) {
            if (unit != null && durable < sequence) {
                // The waiting thread encodes its own unit (in parallel with the other callers and the committer).
                tryPrepare(unit);
            }
            if (durable >= sequence) {
                return true;
            }
            long deadline = System.nanoTime() + wait.toNanos();
            Waiter waiter = new Waiter(sequence, Thread.currentThread());
            // Registered before the check below: either the committer sees this waiter after advancing, or the
            // check sees the advance (both volatile), so no wake-up is lost.
            waiters.add(waiter);
            boolean interrupted = false;
            try {
                while (durable < sequence) {
                    StoreException failed = failure;
                    if (failed != null) {
                        throw new StoreException(failed.getMessage(), failed);
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    LockSupport.parkNanos(this, left);
                    // Uninterruptible: an interrupted caller does not make the store fail (the flag is cleared
                    // while waiting, or parking would return at once, and set again at the end).
                    interrupted |= Thread.interrupted();
                }
                return true;
            } finally {
                if (!waiter.woken) {
                    waiters.remove(waiter);
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public boolean isDone() {
            return durable >= sequence || failure != null;
        }

        @Override
        public void whenDone(Consumer<StoreException> action) {
            if (unit != null && durable < sequence) {
                tryPrepare(unit);
            }
            Callback callback = new Callback(sequence, action);
            if (durable < sequence && failure == null) {
                callbacks.add(callback);
                // The committer may have advanced before it could see the callback: then run it here.
                if (durable < sequence && failure == null) {
                    return;
                }
            }
            if (callback.claim()) {
                callbacks.remove(callback);
                callback.run(durable >= sequence ? null : failure);
            }
        }
    }

    private record FailedCommit(StoreException failure) implements Commit {

        @Override
        public void whenDone(Consumer<StoreException> action) {
            action.accept(failure);
        }

        @Override
        public void await() {
            throw failure;
        }

        @Override
        public boolean await(Duration timeout) {
            throw failure;
        }

        @Override
        public boolean isDone() {
            return true;
        }
    }
}
