package org.nautilus.venue.simulated.internal;

import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * Values by a {@code long} key they carry themselves: an open-addressing hash table (linear probing,
 * backward-shift deletion, as the matching engine's order index), so a lookup boxes nothing and touches one
 * array. A venue book looks up its clients' orders by book id on every execution and by order id on every
 * command. Not thread-safe: owned by one book, used under its lock.
 *
 * @param <T> the values; a value's key must not change while it is in the table
 */
final class LongTable<T> {

    private final ToLongFunction<T> key;
    private Object[] table;
    private int mask;
    private int size;
    private int resizeAt;

    LongTable(ToLongFunction<T> key, int expected) {
        this.key = key;
        allocate(Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1);
    }

    int size() {
        return size;
    }

    /** Every value, in no particular order. */
    void forEach(Consumer<T> action) {
        for (Object value : table) {
            if (value != null) {
                action.accept(cast(value));
            }
        }
    }

    T get(long k) {
        Object[] t = table;
        int i = slot(k);
        Object value;
        while ((value = t[i]) != null) {
            T v = cast(value);
            if (key.applyAsLong(v) == k) {
                return v;
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    /** Adds a value whose key is not present. */
    void add(T value) {
        int i = slot(key.applyAsLong(value));
        while (table[i] != null) {
            i = (i + 1) & mask;
        }
        table[i] = value;
        if (++size > resizeAt) {
            grow();
        }
    }

    /** Removes the value with this key; returns it, or null if absent. */
    T remove(long k) {
        int i = slot(k);
        Object value;
        while ((value = table[i]) != null) {
            T v = cast(value);
            if (key.applyAsLong(v) == k) {
                shiftBack(i);
                size--;
                return v;
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    private void shiftBack(int hole) {
        // Moves later entries of the probe chain into the hole so that no tombstones are needed.
        int i = hole;
        while (true) {
            i = (i + 1) & mask;
            Object value = table[i];
            if (value == null) {
                break;
            }
            int home = slot(key.applyAsLong(cast(value)));
            boolean movable = hole <= i ? (home <= hole || home > i) : (home <= hole && home > i);
            if (movable) {
                table[hole] = value;
                hole = i;
            }
        }
        table[hole] = null;
    }

    private int slot(long k) {
        long h = k * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 29)) & mask;
    }

    private void grow() {
        Object[] old = table;
        allocate(old.length * 2);
        size = 0;
        for (Object value : old) {
            if (value != null) {
                add(cast(value));
            }
        }
    }

    private void allocate(int capacity) {
        table = new Object[capacity];
        mask = capacity - 1;
        resizeAt = capacity / 2;
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }
}
