package org.nautilus.research.internal.expression.kernel;

/** Row indices in arrival order, in a ring of fixed capacity (at most one window's rows). */
final class RowQueue {

    private final long[] rows;
    private int head;
    private int size;

    RowQueue(int capacity) {
        this.rows = new long[capacity];
    }

    void add(long row) {
        int at = head + size;
        rows[at >= rows.length ? at - rows.length : at] = row;
        size++;
    }

    void evictBefore(long firstRow) {
        while (size > 0 && rows[head] < firstRow) {
            head = head + 1 == rows.length ? 0 : head + 1;
            size--;
        }
    }

    boolean isEmpty() {
        return size == 0;
    }

    long first() {
        return rows[head];
    }
}
