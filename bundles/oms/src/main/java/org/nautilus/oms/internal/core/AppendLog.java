package org.nautilus.oms.internal.core;

import java.util.Arrays;
import java.util.List;

/**
 * An append-only list with one writer (the partition's writer) and readers on any thread, that publishes each
 * element without copying the list: readers get an immutable copy when they ask for it, which queries do rarely,
 * while the writer appends on every event of every order.
 *
 * @param <T> element type, never {@code null}
 */
final class AppendLog<T> {

    private static final Object[] EMPTY = new Object[0];

    /** Volatile as well: a reader that sees a grown array sees what was copied into it. */
    private volatile Object[] items;
    private volatile int size;

    AppendLog(int capacity) {
        items = capacity == 0 ? EMPTY : new Object[capacity];
    }

    /** Writer only. */
    void add(T item) {
        int n = size;
        Object[] a = items;
        if (n == a.length) {
            a = Arrays.copyOf(a, Math.max(4, n * 2));
            items = a;
        }
        a[n] = item;
        size = n + 1;
    }

    int size() {
        return size;
    }

    /** An immutable copy of the elements appended so far. */
    @SuppressWarnings("unchecked")
    List<T> snapshot() {
        int n = size;
        Object[] a = items;
        return n == 0 ? List.of() : (List<T>) List.of(Arrays.copyOf(a, n));
    }
}
