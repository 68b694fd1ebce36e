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
