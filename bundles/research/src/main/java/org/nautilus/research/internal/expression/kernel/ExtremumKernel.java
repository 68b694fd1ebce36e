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
    /** The window's NaN rows, for the index forms only (a NaN wins argmax). */
    private final RowQueue nanRows;
    private long rows;

    private ExtremumKernel(int size, boolean largest, boolean position) {
        this.size = size;
        this.position = position;
        this.candidates = new MonotonicDeque(size, largest);
        this.nanRows = new RowQueue(size);
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
        long row = rows++;
        long firstRow = Math.max(0, row - size + 1);
        candidates.evictBefore(firstRow);
        if (position) {
            nanRows.evictBefore(firstRow);
        }
        if (Double.isNaN(x)) {
            if (position) {
                nanRows.add(row);
            }
        } else {
            candidates.add(row, x);
        }
        // The newest value of the window always stays a candidate, so no candidate means no value in the window.
        if (candidates.isEmpty()) {
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
