package org.nautilus.marketdata.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

/**
 * A bounded broadcast ring: publishers write each event once, every subscriber reads all of them at its own pace
 * from its own position (the Aeron/Agrona broadcast idea, for objects). The publisher never waits for a
 * subscriber, so a slow subscriber cannot stall the feed or the other subscribers; one that falls a whole ring
 * behind is lapped: it skips ahead to recent events and counts what it lost.
 *
 * <p>Publishing costs the same whatever the number of subscribers: a sequence claim, one slot write and, only if a
 * subscriber is parked, its wake-up (once per park, not once per publication). Several threads may publish at once
 * (sequences are claimed atomically); the order subscribers see is the claim order.
 *
 * <p>Readers register ({@link #register()}) and report how far they have read. Every {@value #RELEASE_EVERY}
 * publications the publisher clears the slots every registered reader has passed, so the ring only keeps the
 * events some reader still has to read (its backlog) reachable, not a whole ring of them: a ring sized for a slow
 * subscriber (a million slots) would otherwise keep a million events alive, which the collector copies and
 * promotes again and again.
 */
final class BroadcastRing {

    /** An event with the sequence it was published at; slots are replaced, never mutated. */
    record Slot(long sequence, Object event) {
    }

    private final AtomicReferenceArray<Slot> slots;
    private final int mask;
    private final AtomicLong cursor = new AtomicLong();
    /** Set by a reader about to park, cleared by the one publication that wakes the parked readers. */
    private final AtomicBoolean wakeWanted = new AtomicBoolean();
    private final List<Thread> parkedThreads = new CopyOnWriteArrayList<>();
    private final List<Reader> readers = new CopyOnWriteArrayList<>();
    /** Held by the publisher that is clearing released slots; the others go on publishing. */
    private final AtomicBoolean releasing = new AtomicBoolean();
    /** Slots below this sequence have been cleared (or were never written). Guarded by {@link #releasing}. */
    private long released;

    /** Publications between two clearings of the slots every reader has passed. */
    static final int RELEASE_EVERY = 1024;

    /** A registered reader's position: the next sequence it will read. */
    static final class Reader {
        volatile long next;

        private Reader(long next) {
            this.next = next;
        }
    }

    /** @param capacity rounded up to a power of two */
    BroadcastRing(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("ring capacity must be at least 2, got " + capacity);
        }
        int size = Integer.highestOneBit(capacity - 1) << 1;
        this.slots = new AtomicReferenceArray<>(size);
        this.mask = size - 1;
    }

    int capacity() {
        return mask + 1;
    }

    /** The next sequence to be claimed: a new subscriber starts reading here. */
    long cursor() {
        return cursor.get();
    }

    /** A new reader, starting at the {@link #cursor()}; its slots are kept until it has read them. */
    Reader register() {
        // Listed at 0 first (holding everything), then moved to the cursor: a clearing that runs meanwhile either
        // sees it at 0 or read the cursor before it did, so it never clears what the new reader will read.
        Reader reader = new Reader(0);
        readers.add(reader);
        reader.next = cursor.get();
        return reader;
    }

    /** A reader that reads no more: it no longer holds slots. */
    void unregister(Reader reader) {
        readers.remove(reader);
    }

    void publish(Object event) {
        long sequence = cursor.getAndIncrement();
        int index = (int) sequence & mask;
        Slot slot = new Slot(sequence, event);
        Slot current = slots.get(index);
        // A publisher that stalled for a whole lap must not overwrite a newer event with its older one.
        while ((current == null || current.sequence < sequence) && !slots.compareAndSet(index, current, slot)) {
            current = slots.get(index);
        }
        if (wakeWanted.get() && wakeWanted.getAndSet(false)) {
            for (Thread thread : parkedThreads) {
                LockSupport.unpark(thread);
            }
        }
        if ((sequence & (RELEASE_EVERY - 1)) == 0) {
            release();
        }
    }

    /**
     * Clears the slots below the slowest reader's position (below the cursor when there is none). A reader never
     * reads below its own position, and a new one starts at the cursor, so no reader looks at a cleared slot; a
     * slot is only cleared if it still holds the sequence being released (compare and set), never a newer one.
     */
    void release() {
        if (!releasing.compareAndSet(false, true)) {
            return;
        }
        try {
            long upTo = cursor.get();
            for (Reader reader : readers) {
                upTo = Math.min(upTo, reader.next);
            }
            long from = Math.max(released, upTo - capacity());
            for (long s = from; s < upTo; s++) {
                int index = (int) s & mask;
                Slot slot = slots.get(index);
                if (slot != null && slot.sequence == s) {
                    slots.compareAndSet(index, slot, null);
                }
            }
            released = Math.max(released, upTo);
        } finally {
            releasing.set(false);
        }
    }

    /** The slot that holds (or held, or will hold) {@code sequence}. */
    Slot slot(long sequence) {
        return slots.get((int) sequence & mask);
    }

    /**
     * Parks the calling subscriber until something is published (or a while has passed), unless {@code sequence}
     * is already there: the check after announcing the park closes the race with a publisher.
     */
    void awaitPublication(long sequence, long maxNanos) {
        Thread self = Thread.currentThread();
        // Listed before the flag is set: the publication that clears the flag wakes every listed thread, and one
        // that does not see the flag set was claimed before our check of the cursor below, which then sees it.
        parkedThreads.add(self);
        wakeWanted.set(true);
        try {
            if (cursor.get() <= sequence) {
                LockSupport.parkNanos(this, maxNanos);
            }
        } finally {
            parkedThreads.remove(self);
        }
    }
}
