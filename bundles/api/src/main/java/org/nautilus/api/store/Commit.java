package org.nautilus.api.store;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * The durability of one unit of work (and of every unit handed to the store before it): {@link #await()}
 * returns once it is durable, or fails if it never will be.
 */
public interface Commit {

    /** A commit with nothing to wait for. */
    Commit DONE = new Commit() {
        @Override
        public void await() {
        }

        @Override
        public boolean await(Duration timeout) {
            return true;
        }

        @Override
        public boolean isDone() {
            return true;
        }
    };

    /**
     * Waits until the unit is durable.
     *
     * @throws StoreException if the unit could not be committed (it is then not durable, or its outcome is
     *                        unknown); the message says why
     */
    void await();

    /**
     * Waits at most {@code timeout}.
     *
     * @return {@code true} if durable, {@code false} if the time ran out first
     * @throws StoreException as {@link #await()}
     */
    boolean await(Duration timeout);

    /** {@code true} once durable or failed (then {@link #await()} throws). */
    boolean isDone();

    /**
     * Runs {@code action} once the unit is durable (with {@code null}) or failed (with why): without a thread
     * waiting per unit. A store runs it on a thread of its own (the journaling store: its acknowledger, so that the
     * committer goes on writing), or on the calling thread if that has happened already; the action must be short
     * and must not block. This default waits on the calling thread.
     */
    default void whenDone(Consumer<StoreException> action) {
        StoreException failure = null;
        try {
            await();
        } catch (StoreException e) {
            failure = e;
        }
        action.accept(failure);
    }
}
