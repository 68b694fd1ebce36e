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

    /**
     * The ring itself, for a kernel that scans the whole window in slot order (read only): slots
     * {@code 0 .. length()-1} hold the window's rows, in no particular age order once the ring has wrapped.
     */
    double[] slots() {
        return values;
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

    /** The row {@code age} rows older than the newest (0 = newest); {@code age < length()}. */
    double ago(int age) {
        int i = next - 1 - age;
        return values[i < 0 ? i + values.length : i];
    }

    /**
     * True once every {@code size} rows: when kernels recompute their running sums from the window. That bounds
     * the rounding that adds and removes accumulate to one window's worth, whatever the length of the series,
     * for O(size) work every size rows (amortised O(1) per row). Streaming and batch rebuild at the same rows.
     */
    boolean rebuildDue() {
        return next == 0;
    }
}
