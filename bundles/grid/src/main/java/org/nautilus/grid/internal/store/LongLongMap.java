package org.nautilus.grid.internal.store;

import java.util.Arrays;

/**
 * An open-addressing map of {@code long} to {@code long} without removal, for indexes of millions of orders: 16 bytes
 * per entry at most twice over, where a {@code HashMap<Long, Long>} takes ~80. Not thread-safe.
 */
final class LongLongMap {

    /** Marks a free slot; {@link #put} refuses it as a key. */
    static final long FREE = Long.MIN_VALUE;
    /** Returned by {@link #get} for a missing key. */
    static final long MISSING = Long.MIN_VALUE;

    private long[] keys;
    private long[] values;
    private int size;

    LongLongMap(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new long[capacity];
        values = new long[capacity];
        Arrays.fill(keys, FREE);
    }

    int size() {
        return size;
    }

    long get(long key) {
        int mask = keys.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == key) {
                return values[i];
            }
            if (k == FREE) {
                return MISSING;
            }
        }
    }

    /** Adds {@code key} unless present; returns the value it had, or {@link #MISSING} if it was added. */
    long putIfAbsent(long key, long value) {
        if (key == FREE) {
            throw new IllegalArgumentException("key " + key + " is reserved");
        }
        int mask = keys.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == key) {
                return values[i];
            }
            if (k == FREE) {
                keys[i] = key;
                values[i] = value;
                if (++size * 10L > keys.length * 6L) {
                    grow();
                }
                return MISSING;
            }
        }
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new long[oldKeys.length * 2];
        Arrays.fill(keys, FREE);
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != FREE) {
                int i = slot(oldKeys[j], mask);
                while (keys[i] != FREE) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                values[i] = oldValues[j];
            }
        }
    }
}
