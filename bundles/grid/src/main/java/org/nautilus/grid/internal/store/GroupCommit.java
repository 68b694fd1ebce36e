package org.nautilus.grid.internal.store;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
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
 * one is not. Plain Java: the writer is the only part that knows the storage.
 */
public final class GroupCommit implements AutoCloseable {

    /** Writes groups of units; the storage side of the group commit. */
    @FunctionalInterface
    public interface Writer {

        /**
         * Prepares a unit (e.g. encodes it) before it is written, on the thread that waits for it if that thread
         * gets to it first (the usual case: the committer is busy with the group before), else on the committer.
         * It runs after the unit was handed over, so after the caller released whatever it held while writing
         * the unit (the OMS's partition). Must not fail for valid data.
         */
        default void prepare(Unit unit) {
        }

        /** Writes the units of one group atomically, in their order; returns once they are durable. */
        void write(List<Unit> group) throws Exception;
    }

    /** Counters for status displays and benchmarks. */
    /**
     * @param slowWrites groups whose write (sync included) took over {@value #SLOW_WRITE_MILLIS} ms: the committer's
     *                   share of the acknowledgements' latency tail
     */
    public record Stats(long groups, long units, long entries, long writeNanos, long writeCpuNanos, int maxBatch,
                        long slowWrites) {

        public double unitsPerGroup() {
            return groups == 0 ? 0 : (double) units / groups;
        }

        public double averageWriteMicros() {
            return groups == 0 ? 0 : writeNanos / 1000.0 / groups;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

    private final String name;
    private final Writer writer;
    private final Duration timeout;
    private volatile int maxBatch;
    private final ThreadLocal<Unit> current = new ThreadLocal<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition handedOver = lock.newCondition();
    private final ArrayDeque<Unit> queue = new ArrayDeque<>();
    /** Guarded by {@link #lock}. */
    private long lastHandedOver;
    private boolean closing;
    private volatile long durable;
    private volatile StoreException failure;
    /**
     * Callers waiting for their unit. The committer wakes only those whose unit just became durable (a
     * {@code notifyAll} on one monitor woke every waiting caller after each group: with many callers that was most
     * of the process's context switches).
     */
    private final java.util.concurrent.ConcurrentLinkedQueue<Waiter> waiters =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    /** Actions to run when their unit is durable ({@link Commit#whenDone}), run by the committer. */
    private final java.util.concurrent.ConcurrentLinkedQueue<Callback> callbacks =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final Thread committer;
    private final AtomicLong groups = new AtomicLong();
    private final AtomicLong units = new AtomicLong();
    private final AtomicLong entries = new AtomicLong();
    private final AtomicLong writeNanos = new AtomicLong();
    static final int SLOW_WRITE_MILLIS = 5;
    private final AtomicLong slowWrites = new AtomicLong();
    /** CPU time the committer spent in {@link Writer#write} (on a shared machine wall time says little). */
    private final AtomicLong writeCpuNanos = new AtomicLong();
    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    /**
     * @param maxBatch at most this many units per group (1: one write per unit)
     * @param timeout  how long a caller waits for its unit before the store is declared failed
     */
    public GroupCommit(String name, Writer writer, int maxBatch, Duration timeout) {
        this.name = name;
        this.writer = writer;
        this.timeout = timeout;
        maxBatch(maxBatch);
        this.committer = new Thread(this::run, name + "-committer");
        committer.setDaemon(true);
        committer.start();
    }

    public void maxBatch(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("max batch must be at least 1, got " + value);
        }
        maxBatch = value;
    }

    // ------------------------------------------------------------------ units of work

    public void begin() {
        Unit unit = current.get();
        if (unit == null) {
            unit = new Unit();
            current.set(unit);
        }
        unit.depth++;
    }

    public Commit end() {
        Unit unit = current.get();
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
    public void write(Consumer<Unit> write) {
        Unit unit = current.get();
        if (unit != null) {
            write.accept(unit);
            return;
        }
        Unit own = new Unit();
        write.accept(own);
        handOver(own).await();
    }

    /** A commit durable once everything handed over so far is. */
    public Commit flush() {
        lock.lock();
        try {
            return new SequenceCommit(lastHandedOver, null);
        } finally {
            lock.unlock();
        }
    }

    public Stats stats() {
        return new Stats(groups.get(), units.get(), entries.get(), writeNanos.get(), writeCpuNanos.get(), maxBatch,
                slowWrites.get());
    }

    /** The failure that stopped the committer, {@code null} while it works. */
    public StoreException failure() {
        return failure;
    }

    /** Writes what was handed over, then stops; later units fail. */
    @Override
    public void close() {
        lock.lock();
        try {
            closing = true;
            handedOver.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            committer.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (committer.isAlive()) {
            LOG.warn("{}: the committer did not finish within {}; interrupting it", name, timeout);
            committer.interrupt();
        }
    }

    private Commit handOver(Unit unit) {
        lock.lock();
        try {
            StoreException failed = failure;
            if (failed != null) {
                return new FailedCommit(new StoreException(failed.getMessage(), failed));
            }
            if (closing) {
                return new FailedCommit(new StoreException(name + " is closed: nothing more can be committed"));
            }
            if (unit.isEmpty()) {
                return new SequenceCommit(lastHandedOver, null);
            }
            unit.sequence = ++lastHandedOver;
            queue.add(unit);
            handedOver.signal();
            return new SequenceCommit(unit.sequence, unit);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Prepares {@code unit} if no other thread has claimed it.
     *
     * @return {@code false} if another thread is preparing or has prepared it
     */
    private boolean tryPrepare(Unit unit) {
        if (!unit.preparation.compareAndSet(Unit.NEW, Unit.PREPARING)) {
            return false;
        }
        try {
            writer.prepare(unit);
            unit.preparation.set(Unit.PREPARED);
        } catch (Throwable e) {
            unit.prepareFailure = e;
            unit.preparation.set(Unit.FAILED);
        }
        return true;
    }

    /** Committer: the unit prepared, by itself or by the thread that claimed it (which is about to finish). */
    private void awaitPrepared(Unit unit) throws Throwable {
        tryPrepare(unit);
        int spins = 0;
        int state;
        while ((state = unit.preparation.get()) == Unit.PREPARING) {
            if (++spins < 100) {
                Thread.onSpinWait();
            } else {
                java.util.concurrent.locks.LockSupport.parkNanos(20_000);
            }
        }
        if (state == Unit.FAILED) {
            throw unit.prepareFailure;
        }
    }

    // ------------------------------------------------------------------ committer

    private void run() {
        List<Unit> group = new ArrayList<>();
        while (true) {
            group.clear();
            lock.lock();
            try {
                while (queue.isEmpty() && !closing) {
                    handedOver.awaitUninterruptibly();
                }
                if (queue.isEmpty()) {
                    return;
                }
                int max = maxBatch;
                while (!queue.isEmpty() && group.size() < max) {
                    group.add(queue.poll());
                }
            } finally {
                lock.unlock();
            }
            long t0 = System.nanoTime();
            long c0 = cpuTime();
            try {
                for (Unit unit : group) {
                    awaitPrepared(unit);
                }
                writer.write(group);
            } catch (Throwable e) {
                fail(group.size(), e);
                return;
            }
            long took = System.nanoTime() - t0;
            writeNanos.addAndGet(took);
            if (took > SLOW_WRITE_MILLIS * 1_000_000L) {
                slowWrites.incrementAndGet();
            }
            writeCpuNanos.addAndGet(cpuTime() - c0);
            groups.incrementAndGet();
            units.addAndGet(group.size());
            long size = 0;
            for (Unit unit : group) {
                size += unit.size();
            }
            entries.addAndGet(size);
            durable = group.get(group.size() - 1).sequence;
            wake(durable);
        }
    }

    /** CPU time of the calling thread, 0 where the JVM does not measure it. */
    static long cpuTime() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : 0;
    }

    /**
     * Stops committing because a later stage failed (the store's caches no longer follow its journal): every
     * waiting and later unit fails with {@code e}'s message.
     */
    void halt(Throwable e) {
        fail(0, e);
    }

    private void fail(int units, Throwable e) {
        String why = e.getMessage() == null ? e.toString() : e.getMessage();
        LOG.error("{}: a group of {} unit(s) could not be committed; the store stops committing until restarted",
                name, units, e);
        lock.lock();
        try {
            failure = new StoreException(name + ": commit failed: " + why, e);
            queue.clear();
        } finally {
            lock.unlock();
        }
        wake(Long.MAX_VALUE);
    }

    /** Wakes the waiters whose unit is durable and runs their callbacks (all of them after a failure). */
    private void wake(long upTo) {
        if (!callbacks.isEmpty()) {
            StoreException failed = failure;
            for (java.util.Iterator<Callback> it = callbacks.iterator(); it.hasNext(); ) {
                Callback callback = it.next();
                if (callback.sequence <= upTo && callback.claim()) {
                    it.remove();
                    callback.run(failed);
                }
            }
        }
        for (java.util.Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
            Waiter waiter = it.next();
            if (waiter.sequence <= upTo) {
                it.remove();
                waiter.woken = true;
                java.util.concurrent.locks.LockSupport.unpark(waiter.thread);
            }
        }
    }

    /** An action waiting for a sequence; run once, by whoever claims it first (the committer, or the caller). */
    private static final class Callback {
        final long sequence;
        final java.util.function.Consumer<StoreException> action;
        private final java.util.concurrent.atomic.AtomicBoolean claimed = new java.util.concurrent.atomic.AtomicBoolean();

        Callback(long sequence, java.util.function.Consumer<StoreException> action) {
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
        private final Unit unit;

        SequenceCommit(long sequence, Unit unit) {
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
                    java.util.concurrent.locks.LockSupport.parkNanos(this, left);
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
        public void whenDone(java.util.function.Consumer<StoreException> action) {
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
        public void whenDone(java.util.function.Consumer<StoreException> action) {
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
