package org.nautilus.oms.internal.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.nautilus.api.oms.OrderServiceUnavailableException;
import org.nautilus.api.store.Commit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of one partition of the OMS (a set of portfolios): every command and every execution
 * report of the partition's orders is applied by whichever thread holds the partition, one at a time, in
 * arrival order, so the partition's state needs no further locking and the same inputs give the same outputs.
 *
 * <p>A command ({@link #call}) runs on the caller's thread once it holds the partition: there is no thread
 * hop on the hot path. Work posted from another thread ({@link #post}, e.g. a venue's matching thread sending
 * an execution report) never blocks and never runs on that thread: it is queued and applied by the current
 * holder or, when the partition is idle, by the partition's own drain thread. Work posted by the holder
 * itself (a venue answering synchronously inside {@code Venue.submit}) runs right after the current step,
 * before the command returns.
 *
 * <p>An asynchronous command ({@link #callAsync}, a gateway's new order) never waits for the partition either: it is
 * queued, and applied at once on the caller's thread if the partition is free, else by the thread holding it, before
 * that one releases it (or by the drain thread). So request threads do not park behind the writer, and a writer
 * applies the commands that queued meanwhile in its step, in arrival order, as one unit of work: one hand-over to the
 * store for all of them. A synchronous command first applies every asynchronous one queued before it, so a client
 * that submitted asynchronously and then cancels finds its order.
 *
 * <p>Durability: every step a thread takes as the writer (a command, or a drain of posted work) is one unit of
 * work in the store (through the {@link StoreGateway}), ended before the partition is released, so the partition's
 * units reach the store in the order they were applied. A command returns only once its unit is durable; that
 * wait happens after the partition is released, so the next commands are applied meanwhile and share the next
 * group commit. The step's client-visible events leave the process through its {@link Outbox} only once its unit
 * is durable.
 */
final class PartitionAgent implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionAgent.class);

    private final String name;
    /** The partition's number, 0-based. */
    final int index;
    private final ReentrantLock lock = new ReentrantLock();
    /** Posted by the holder itself; only ever touched while holding {@link #lock}. */
    private final Queue<Runnable> deferred = new ArrayDeque<>();
    private final Queue<Runnable> inbox = new ConcurrentLinkedQueue<>();
    /** Asynchronous commands waiting for the writer, in arrival order. */
    private final Queue<QueuedCommand<?, ?>> commands = new ConcurrentLinkedQueue<>();
    /**
     * Commands queued or being queued: counted before they are added, so a writer that reads it and then takes that
     * many reaches every command queued before it looked (see {@link #applyQueued}).
     */
    private final AtomicInteger queued = new AtomicInteger();
    /** Asynchronous commands applied in the current step, completed once its unit is durable; writer only. */
    private final List<QueuedCommand<?, ?>> appliedInStep = new ArrayList<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final ExecutorService drainer;
    private final AtomicLong failures = new AtomicLong();
    private final StoreGateway store;
    /** The partition's client-visible events, held until durable. */
    final Outbox outbox;

    PartitionAgent(String name, int index) {
        this(name, index, new StoreGateway(null, 1), new Outbox(new OrderEventSubscribers(null)));
    }

    PartitionAgent(String name, int index, StoreGateway store, Outbox outbox) {
        this.name = name;
        this.index = index;
        this.store = store;
        this.outbox = outbox;
        this.drainer = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Runs {@code command} as the partition's writer, then everything it caused (synchronous venue answers)
     * and everything queued meanwhile, and returns the command's result. A nested call from the holder (a
     * listener acting on the same partition) runs at once.
     */
    <T> T call(Supplier<T> command) {
        if (lock.isHeldByCurrentThread()) {
            return command.get();
        }
        // A thread already inside another unit (a listener calling back into the OMS) joins it: the outer step
        // waits for the commit, this one must not (the unit cannot commit before the outer step ends).
        boolean outer = !store.inUnit();
        Step<T> step = step(command, outer);
        if (outer) {
            store.await(step.commit());
        }
        return step.result();
    }

    /**
     * Applies everything queued for the partition so far (posted reports and asynchronous commands), as the writer,
     * and returns without waiting for it to be durable: for a reader that needs the applied state (a reconciliation
     * comparing positions), not its durability. On the writer's own thread there is nothing to wait for.
     */
    void applyQueuedNow() {
        if (!lock.isHeldByCurrentThread()) {
            step(() -> null, !store.inUnit());
        }
    }

    /** A command's result and the commit of the unit it was applied in. */
    private record Step<T>(T result, Commit commit) {
    }

    /**
     * Applies {@code command} as the writer, in a unit of work ended before the partition is released; an outermost
     * step also applies the asynchronous commands queued before it (first) and while it ran (after it). A nested one
     * joins another unit, whose commit is not its own to complete them with.
     */
    private <T> Step<T> step(Supplier<T> command, boolean outer) {
        T result;
        Commit commit;
        lock.lock();
        try {
            store.begin();
            try {
                drain();
                if (outer) {
                    applyQueued();
                }
                result = command.get();
                drain();
                if (outer) {
                    applyQueued();
                }
            } finally {
                commit = endStep();
            }
        } finally {
            lock.unlock();
            // Also when the command failed: commands queued meanwhile must not wait for the next caller.
            afterRelease();
        }
        return new Step<>(result, commit);
    }

    /**
     * Like {@link #call}, but returns at once: the command is queued and applied by whichever thread holds the
     * partition (this one, if it is free), and the future completes with {@code then} applied to the command's result
     * once the step it was applied in is durable (on the store's committer thread), so no thread waits per command.
     * The future fails with what the command threw, or with the store's failure.
     */
    <T, R> CompletableFuture<R> callAsync(Supplier<T> command,
            Function<T, R> then) {
        CompletableFuture<R> future = new CompletableFuture<>();
        if (lock.isHeldByCurrentThread() || store.inUnit()) {
            // Inside another step: durable with it, whose caller waits.
            future.complete(then.apply(call(command)));
            return future;
        }
        queued.incrementAndGet();
        commands.add(new QueuedCommand<>(command, then, future));
        if (lock.tryLock()) {
            try {
                stepQueued();
            } finally {
                lock.unlock();
                afterRelease();
            }
        }
        // Else the holder applies it before it releases the partition, or its release hands it to the drain thread.
        return future;
    }

    /** An asynchronous command, its continuation, and its result once applied. */
    private final class QueuedCommand<T, R> {
        private final Supplier<T> command;
        private final Function<T, R> then;
        private final CompletableFuture<R> future;
        private T result;

        QueuedCommand(Supplier<T> command, Function<T, R> then, CompletableFuture<R> future) {
            this.command = command;
            this.then = then;
            this.future = future;
        }

        /** Applies the command as the writer; its future completes when the step's unit is durable. */
        void apply() {
            try {
                result = command.get();
            } catch (RuntimeException | Error e) {
                future.completeExceptionally(e);
                return;
            }
            appliedInStep.add(this);
        }

        void completeWhenDurable(Commit commit) {
            store.complete(commit, future, () -> then.apply(result));
        }

        void fail(Throwable cause) {
            future.completeExceptionally(cause);
        }
    }

    /** Queues work for the partition without blocking; see the class comment for where it runs. */
    void post(Runnable work) {
        if (lock.isHeldByCurrentThread()) {
            deferred.add(work);
            return;
        }
        inbox.add(work);
        scheduleDrain();
    }

    /** Has the drain thread apply what is queued, unless it is already about to. */
    private void scheduleDrain() {
        if (drainScheduled.compareAndSet(false, true)) {
            try {
                drainer.execute(this::drainInBackground);
            } catch (RuntimeException e) {
                drainScheduled.set(false);
                LOG.warn("partition {} is closed; queued work waits for the next command", name);
            }
        }
    }

    /** {@code true} on the thread currently applying this partition's work. */
    boolean isWriter() {
        return lock.isHeldByCurrentThread();
    }

    long failures() {
        return failures.get();
    }

    @Override
    public void close() {
        drainer.shutdown();
        try {
            if (!drainer.awaitTermination(2, TimeUnit.SECONDS)) {
                drainer.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Commands nobody will apply now: their clients learn it (nothing was done; a retry is safe).
        for (QueuedCommand<?, ?> command; (command = commands.poll()) != null;) {
            queued.decrementAndGet();
            command.fail(new OrderServiceUnavailableException("partition " + name
                    + " stopped before the command was applied; nothing was done, send it again"));
        }
    }

    private void drainInBackground() {
        drainScheduled.set(false);
        lock.lock();
        try {
            // Venue reports nobody waits for: committed with the next group, a failure halts the OMS then.
            stepQueued();
        } catch (RuntimeException e) {
            LOG.error("partition {}: background work could not be handed to the store", name, e);
        } finally {
            lock.unlock();
            afterRelease();
        }
    }

    /** One step of queued work, holding the partition: posted work and the queued commands, in one unit of work. */
    private void stepQueued() {
        store.begin();
        try {
            drain();
            applyQueued();
            drain();
        } finally {
            endStep();
        }
    }

    /**
     * Applies the asynchronous commands queued before this call (and any that join meanwhile up to that count), each
     * followed by what it caused. Bounded, so a writer's step ends even while commands keep arriving.
     */
    private void applyQueued() {
        int count = queued.get();
        for (int i = 0; i < count; i++) {
            QueuedCommand<?, ?> command = commands.poll();
            if (command == null) {
                return;
            }
            queued.decrementAndGet();
            command.apply();
            drain();
        }
    }

    /** After releasing the partition: commands queued while this thread held it, past its last look, go on. */
    private void afterRelease() {
        if (queued.get() > 0) {
            scheduleDrain();
        }
    }

    /**
     * Ends the writer's step: its events leave once its unit is durable, and the unit goes to the store; the
     * asynchronous commands applied in it complete once it is durable (or fail with the store).
     */
    private Commit endStep() {
        Commit commit;
        try {
            outbox.seal(store);
            commit = store.end();
        } catch (RuntimeException | Error e) {
            for (QueuedCommand<?, ?> command : appliedInStep) {
                command.fail(e);
            }
            appliedInStep.clear();
            throw e;
        }
        for (QueuedCommand<?, ?> command : appliedInStep) {
            command.completeWhenDurable(commit);
        }
        appliedInStep.clear();
        return commit;
    }

    private void drain() {
        while (true) {
            Runnable work = deferred.poll();
            if (work == null) {
                work = inbox.poll();
            }
            if (work == null) {
                return;
            }
            try {
                work.run();
            } catch (RuntimeException | Error e) {
                // The thread boundary of the partition: one bad report must not stop the others.
                failures.incrementAndGet();
                LOG.error("partition {}: work failed", name, e);
            }
        }
    }
}
