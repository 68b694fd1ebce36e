package org.nautilus.grid.internal.store;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
         * Prepares a unit on the thread that hands it over, before it is queued (e.g. encodes it), so that the
         * committer thread only writes. Must not fail for valid data.
         */
        default void prepare(Unit unit) {
        }

        /** Writes the units of one group atomically, in their order; returns once they are durable. */
        void write(List<Unit> group) throws Exception;
    }

    /** Counters for status displays and benchmarks. */
    public record Stats(long groups, long units, long entries, long writeNanos, int maxBatch) {

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
    private final Object durableMonitor = new Object();
    private final Thread committer;
    private final AtomicLong groups = new AtomicLong();
    private final AtomicLong units = new AtomicLong();
    private final AtomicLong entries = new AtomicLong();
    private final AtomicLong writeNanos = new AtomicLong();

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
            return new SequenceCommit(lastHandedOver);
        } finally {
            lock.unlock();
        }
    }

    public Stats stats() {
        return new Stats(groups.get(), units.get(), entries.get(), writeNanos.get(), maxBatch);
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
        if (!unit.isEmpty() && failure == null) {
            writer.prepare(unit);
            unit.prepared = true;
        }
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
                return new SequenceCommit(lastHandedOver);
            }
            if (!unit.prepared) {
                // Encoding happens outside the lock: see the caller. A unit reaching here unprepared is a bug.
                throw new IllegalStateException("unit handed over unprepared");
            }
            unit.sequence = ++lastHandedOver;
            queue.add(unit);
            handedOver.signal();
            return new SequenceCommit(unit.sequence);
        } finally {
            lock.unlock();
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
            try {
                writer.write(group);
            } catch (Throwable e) {
                fail(group.size(), e);
                return;
            }
            writeNanos.addAndGet(System.nanoTime() - t0);
            groups.incrementAndGet();
            units.addAndGet(group.size());
            long size = 0;
            for (Unit unit : group) {
                size += unit.size();
            }
            entries.addAndGet(size);
            synchronized (durableMonitor) {
                durable = group.get(group.size() - 1).sequence;
                durableMonitor.notifyAll();
            }
        }
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
        synchronized (durableMonitor) {
            durableMonitor.notifyAll();
        }
    }

    /** Durable once every unit up to {@code sequence} is. */
    private final class SequenceCommit implements Commit {

        private final long sequence;

        SequenceCommit(long sequence) {
            this.sequence = sequence;
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
            if (durable >= sequence) {
                return true;
            }
            long deadline = System.nanoTime() + wait.toNanos();
            boolean interrupted = false;
            try {
                synchronized (durableMonitor) {
                    while (durable < sequence) {
                        StoreException failed = failure;
                        if (failed != null) {
                            throw new StoreException(failed.getMessage(), failed);
                        }
                        long left = deadline - System.nanoTime();
                        if (left <= 0) {
                            return false;
                        }
                        try {
                            // Uninterruptible: an interrupted caller does not make the store fail.
                            TimeUnit.NANOSECONDS.timedWait(durableMonitor, left);
                        } catch (InterruptedException e) {
                            interrupted = true;
                        }
                    }
                    return true;
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public boolean isDone() {
            return durable >= sequence || failure != null;
        }
    }

    private record FailedCommit(StoreException failure) implements Commit {

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
