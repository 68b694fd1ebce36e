package org.nautilus.research.internal.expression.kernel;

/**
 * Candidates for a window's extreme: row indices with their values, the front being the extreme of the window.
 * Each row enters and leaves at most once, so a window of any size costs amortised O(1) per row.
 */
final class MonotonicDeque {

    private final long[] rows;
    private final double[] values;
    private final boolean largest;
    private int head;
    private int size;

    /** @param largest true to keep the largest value in front (the first one of equals), false the smallest */
    MonotonicDeque(int capacity, boolean largest) {
        this.rows = new long[capacity];
        this.values = new double[capacity];
        this.largest = largest;
    }

    /**
     * Adds a row (its value not NaN). Older rows that can no longer be the extreme leave; older equal values stay
     * ahead of it, so the front is the first (oldest) extreme.
     */
    void add(long row, double value) {
        while (size > 0) {
            double back = values[index(size - 1)];
            if (largest ? back < value : back > value) {
                size--;
            } else {
                break;
            }
        }
        int at = index(size);
        rows[at] = row;
        values[at] = value;
        size++;
    }

    /** Drops the rows before {@code firstRow} (they left the window). */
    void evictBefore(long firstRow) {
        while (size > 0 && rows[head] < firstRow) {
            head = head + 1 == rows.length ? 0 : head + 1;
            size--;
        }
    }

    boolean isEmpty() {
        return size == 0;
    }

    long frontRow() {
        return rows[head];
    }

    double frontValue() {
        return values[head];
    }

    private int index(int offset) {
        int i = head + offset;
        return i >= rows.length ? i - rows.length : i;
    }
}
