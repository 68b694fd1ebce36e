package org.nautilus.research.internal.expression.kernel;

/**
 * {@code Max}, {@code Min}, {@code IdxMax} and {@code IdxMin} over the last N rows, with a monotonic deque.
 *
 * <p>The value forms skip NaNs. The index forms are Qlib's {@code rolling(N).apply(argmax() + 1)}: the 1-based
 * position, counted from the oldest row of the window, of the first extreme; numpy's argmax/argmin return the
 * first NaN if there is one, so a NaN in the window wins. A window without any value gives NaN.
 */
public final class ExtremumKernel implements Kernel.OfOne {

    private final int size;
    private final boolean position;
    private final MonotonicDeque candidates;
    private final RowQueue nanRows;
    private final SlidingWindow window;
    private int values;

    private ExtremumKernel(int size, boolean largest, boolean position) {
        this.size = size;
        this.position = position;
        this.candidates = new MonotonicDeque(size, largest);
        this.nanRows = new RowQueue(size);
        this.window = new SlidingWindow(size);
    }

    public static ExtremumKernel max(int size) {
        return new ExtremumKernel(size, true, false);
    }

    public static ExtremumKernel min(int size) {
        return new ExtremumKernel(size, false, false);
    }

    public static ExtremumKernel indexOfMax(int size) {
        return new ExtremumKernel(size, true, true);
    }

    public static ExtremumKernel indexOfMin(int size) {
        return new ExtremumKernel(size, false, true);
    }

    @Override
    public double update(double x) {
        if (window.full() && !Double.isNaN(window.oldest())) {
            values--;
        }
        long row = window.rows();
        window.push(x);
        long firstRow = Math.max(0, row - size + 1);
        candidates.evictBefore(firstRow);
        nanRows.evictBefore(firstRow);
        if (Double.isNaN(x)) {
            nanRows.add(row);
        } else {
            values++;
            candidates.add(row, x);
        }
        if (values == 0) {
            return Double.NaN;
        }
        if (!position) {
            return candidates.frontValue();
        }
        long extreme = nanRows.isEmpty() ? candidates.frontRow() : nanRows.first();
        return extreme - firstRow + 1;
    }

    @Override
    public void updateColumn(double[] x, double[] out, int rows) {
        for (int r = 0; r < rows; r++) {
            out[r] = update(x[r]);
        }
    }
}
