package org.nautilus.venue.simulated.internal.matching;

import java.util.Arrays;

/**
 * The price levels of one side of a book, kept in a sorted array with the BEST level at the END, so that the
 * common operations (take the best, add or remove a level near the top) touch only the array's tail.
 * Bids sort by price ascending, asks by price descending: {@code key = buy ? price : -price}.
 */
final class BookSide {

    private final boolean buy;
    private long[] keys = new long[64];
    private PriceLevel[] levels = new PriceLevel[64];
    private int size;
    private PriceLevel free;

    BookSide(boolean buy) {
        this.buy = buy;
    }

    int levelCount() {
        return size;
    }

    PriceLevel best() {
        return size == 0 ? null : levels[size - 1];
    }

    /** The level {@code depth} steps from the best (0 = best), or null. */
    PriceLevel level(int depth) {
        return depth < size ? levels[size - 1 - depth] : null;
    }

    /** {@code true} if {@code price} is at least as good as {@code other} for this side. */
    boolean atLeastAsGood(long price, long other) {
        return buy ? price >= other : price <= other;
    }

    PriceLevel find(long price) {
        int i = search(buy ? price : -price);
        return i >= 0 ? levels[i] : null;
    }

    PriceLevel findOrCreate(long price) {
        long key = buy ? price : -price;
        int i = search(key);
        if (i >= 0) {
            return levels[i];
        }
        int at = -i - 1;
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            levels = Arrays.copyOf(levels, size * 2);
        }
        System.arraycopy(keys, at, keys, at + 1, size - at);
        System.arraycopy(levels, at, levels, at + 1, size - at);
        PriceLevel level = newLevel(price);
        keys[at] = key;
        levels[at] = level;
        size++;
        return level;
    }

    /** Removes an empty level. */
    void remove(PriceLevel level) {
        if (size > 0 && levels[size - 1] == level) {
            levels[--size] = null;
        } else {
            int i = search(buy ? level.price : -level.price);
            System.arraycopy(keys, i + 1, keys, i, size - i - 1);
            System.arraycopy(levels, i + 1, levels, i, size - i - 1);
            levels[--size] = null;
        }
        level.head = null;
        level.tail = null;
        level.nextFree = free;
        free = level;
    }

    private PriceLevel newLevel(long price) {
        PriceLevel level = free;
        if (level == null) {
            level = new PriceLevel();
        } else {
            free = level.nextFree;
            level.nextFree = null;
        }
        level.price = price;
        level.quantity = 0;
        level.orders = 0;
        return level;
    }

    /** Index of {@code key}, or {@code -(insertion point) - 1}. Scans the top few levels first: most activity is there. */
    private int search(long key) {
        int lo = 0;
        int hi = size - 1;
        for (int i = size - 1, n = 0; i >= 0 && n < 8; i--, n++) {
            long k = keys[i];
            if (k == key) {
                return i;
            }
            if (k < key) {
                return -(i + 1) - 1;
            }
            hi = i - 1;
        }
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long k = keys[mid];
            if (k < key) {
                lo = mid + 1;
            } else if (k > key) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -lo - 1;
    }
}
