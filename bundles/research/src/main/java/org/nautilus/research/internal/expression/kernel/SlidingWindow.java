package org.nautilus.research.internal.expression.kernel;

/**
 * The last {@code size} inputs of a series (NaNs included: a row counts whether or not it has a value), in a
 * ring. Rolling kernels ask it which value leaves the window before they add the new one.
 */
final class SlidingWindow {

    private final double[] values;
    private int next;
    private long rows;

    SlidingWindow(int size) {
        this.values = new double[size];
    }

    /** True when the next {@link #push} evicts the oldest row. */
    boolean full() {
        return rows >= values.length;
    }

    /** The oldest row in the window (valid when {@link #full()}). */
    double oldest() {
        return values[next];
    }

    void push(double value) {
        values[next] = value;
        next = next + 1 == values.length ? 0 : next + 1;
        rows++;
    }

    /** Rows pushed so far; the newest row's index is {@code rows() - 1}. */
    long rows() {
        return rows;
    }

    /** Rows in the window: {@code size} once full, fewer at the start of the series. */
    int length() {
        return (int) Math.min(rows, values.length);
    }

    int size() {
        return values.length;
    }
}
