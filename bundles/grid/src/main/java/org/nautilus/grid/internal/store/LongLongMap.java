package org.nautilus.grid.internal.store;

import java.util.Arrays;

/**
 * An open-addressing map of {@code long} to {@code long} without removal, for indexes of millions of orders: 16 bytes
 * per entry at most twice over, where a {@code HashMap<Long, Long>} takes ~80. Split into {@value #SHARDS} tables
 * that grow on their own: one table of millions growing in one go stalled its writer (the store's committer, so
 * every acknowledgement) for a quarter of a second. Not thread-safe. Public for the benchmark that compares it with
 * Agrona's {@code Long2LongHashMap} ({@code benchmarks/run.sh longmap}).
 */
public final class LongLongMap {

    /** Marks a free slot; {@link #putIfAbsent} refuses it as a key. */
    public static final long FREE = Long.MIN_VALUE;
    /** Returned by {@link #get} for a missing key. */
    public static final long MISSING = Long.MIN_VALUE;
    private static final int SHARDS = 64;

    private final Table[] tables = new Table[SHARDS];
    private int size;

    public LongLongMap(int expected) {
        for (int i = 0; i < SHARDS; i++) {
            tables[i] = new Table(Math.max(1, expected / SHARDS));
        }
    }

    public int size() {
        return size;
    }

    public long get(long key) {
        long h = mix(key);
        return tables[(int) (h >>> 58)].get(key, (int) h);
    }

    /** Adds {@code key} unless present; returns the value it had, or {@link #MISSING} if it was added. */
    public long putIfAbsent(long key, long value) {
        if (key == FREE) {
            throw new IllegalArgumentException("key " + key + " is reserved");
        }
        long h = mix(key);
        long old = tables[(int) (h >>> 58)].putIfAbsent(key, value, (int) h);
        if (old == MISSING) {
            size++;
        }
        return old;
    }

    private static long mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 29);
    }

    /** One shard: linear probing at most 60 % full. */
    private static final class Table {
        private long[] keys;
        private long[] values;
        private int size;

        Table(int expected) {
            int capacity = Integer.highestOneBit(Math.max(8, expected * 2 - 1)) << 1;
            keys = new long[capacity];
            values = new long[capacity];
            Arrays.fill(keys, FREE);
        }

        long get(long key, int hash) {
            int mask = keys.length - 1;
            for (int i = hash & mask;; i = (i + 1) & mask) {
                long k = keys[i];
                if (k == key) {
                    return values[i];
                }
                if (k == FREE) {
                    return MISSING;
                }
            }
        }

        long putIfAbsent(long key, long value, int hash) {
            int mask = keys.length - 1;
            for (int i = hash & mask;; i = (i + 1) & mask) {
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

        private void grow() {
            long[] oldKeys = keys;
            long[] oldValues = values;
            keys = new long[oldKeys.length * 2];
            values = new long[oldKeys.length * 2];
            Arrays.fill(keys, FREE);
            int mask = keys.length - 1;
            for (int j = 0; j < oldKeys.length; j++) {
                if (oldKeys[j] != FREE) {
                    int i = (int) mix(oldKeys[j]) & mask;
                    while (keys[i] != FREE) {
                        i = (i + 1) & mask;
                    }
                    keys[i] = oldKeys[j];
                    values[i] = oldValues[j];
                }
            }
        }
    }
}
