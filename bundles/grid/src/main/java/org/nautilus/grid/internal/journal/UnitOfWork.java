package org.nautilus.grid.internal.journal;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the {@link GroupCommit} keeps of each unit of work it commits; the writes themselves are the subclass's (the
 * store's {@code Unit}), which only the {@link GroupCommit.Writer} reads. Written by one thread until handed over,
 * read by the committer afterwards.
 */
public abstract class UnitOfWork {

    /** {@link GroupCommit.Writer#prepare}: not yet claimed, claimed by a thread, done, or failed. */
    static final int NEW = 0;
    static final int PREPARING = 1;
    static final int PREPARED = 2;
    static final int FAILED = 3;

    /** Nesting depth while open on its thread. */
    int depth;
    /** Position in the commit order, given when the unit is handed over. */
    long sequence;
    /** {@link System#nanoTime()} at the hand-over: the store's share of the acknowledgement starts there. */
    long handedOverNanos;
    final AtomicInteger preparation = new AtomicInteger();
    volatile Throwable prepareFailure;

    /** {@code true} if the unit writes nothing (it is then durable once everything before it is). */
    public abstract boolean isEmpty();

    /** Number of entries the unit writes (for the counters). */
    public abstract int size();
}
