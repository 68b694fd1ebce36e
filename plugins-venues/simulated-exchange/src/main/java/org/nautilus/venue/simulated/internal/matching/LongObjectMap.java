package org.nautilus.venue.simulated.internal.matching;

import java.util.Arrays;

/**
 * An open-addressing hash map from {@code long} keys to objects, without boxing and without allocation once
 * sized (linear probing, backward-shift deletion). Not thread-safe: owned by one book.
 */
final class LongObjectMap<V> {

    private long[] keys;
    private Object[] values;
    private int mask;
    private int size;
    private int resizeAt;

    LongObjectMap(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        allocate(capacity);
    }

    int size() {
        return size;
    }

    @SuppressWarnings("unchecked")
    V get(long key) {
        int i = index(key);
        while (values[i] != null) {
            if (keys[i] == key) {
                return (V) values[i];
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    /** Puts {@code value} under {@code key}, which must not be present. */
    void putNew(long key, V value) {
        int i = index(key);
        while (values[i] != null) {
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = value;
        if (++size > resizeAt) {
            grow();
        }
    }

    @SuppressWarnings("unchecked")
    V remove(long key) {
        int i = index(key);
        while (values[i] != null) {
            if (keys[i] == key) {
                V old = (V) values[i];
                shiftBack(i);
                size--;
                return old;
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    /** Calls {@code action} for every value; the map must not change meanwhile. */
    @SuppressWarnings("unchecked")
    void forEachValue(java.util.function.Consumer<? super V> action) {
        for (Object value : values) {
            if (value != null) {
                action.accept((V) value);
            }
        }
    }

    void clear() {
        Arrays.fill(values, null);
        size = 0;
    }

    private void shiftBack(int hole) {
        // Backward-shift deletion keeps every probe chain intact without tombstones.
        int i = hole;
        while (true) {
            i = (i + 1) & mask;
            if (values[i] == null) {
                break;
            }
            int home = index(keys[i]);
            boolean movable = hole <= i ? (home <= hole || home > i) : (home <= hole && home > i);
            if (movable) {
                keys[hole] = keys[i];
                values[hole] = values[i];
                hole = i;
            }
        }
        values[hole] = null;
    }

    private int index(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    private void grow() {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        allocate(keys.length * 2);
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != null) {
                @SuppressWarnings("unchecked")
                V v = (V) oldValues[i];
                putNew(oldKeys[i], v);
            }
        }
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        values = new Object[capacity];
        mask = capacity - 1;
        resizeAt = capacity / 2;
    }
}
