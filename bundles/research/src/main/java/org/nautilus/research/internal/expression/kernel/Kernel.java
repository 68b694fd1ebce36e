package org.nautilus.research.internal.expression.kernel;

/**
 * One operator over one series: it is given each row's inputs in order, oldest row first, and returns that
 * row's output. A stateful kernel (a rolling window, a shift) belongs to one series of one instrument; a
 * stateless one (arithmetic) may be shared.
 *
 * <p>Batch evaluation (a whole column at a time) and streaming evaluation (one new bar at a time) both drive
 * these very objects with the same inputs in the same order, which is why their outputs are bit-identical.
 */
public sealed interface Kernel permits Kernel.OfOne, Kernel.OfTwo, Kernel.OfThree, Kernel.Fanout {

    /*
     * The column forms are update() called row after row, nothing else. Each final kernel class repeats that
     * loop (a deliberate copy) so that the JIT compiles one loop per class with update() inlined, instead of one
     * shared loop making a megamorphic call per row.
     */

    /** An operator of one series. */
    non-sealed interface OfOne extends Kernel {
        double update(double x);

        /** {@code out[r] = update(x[r])} for r = 0 .. rows-1, in order. */
        default void updateColumn(double[] x, double[] out, int rows) {
            for (int r = 0; r < rows; r++) {
                out[r] = update(x[r]);
            }
        }
    }

    /** An operator of two series (element-wise arithmetic, rolling correlation). */
    non-sealed interface OfTwo extends Kernel {
        double update(double x, double y);

        /** {@code out[r] = update(x[r], y[r])} for r = 0 .. rows-1, in order. */
        default void updateColumn(double[] x, double[] y, double[] out, int rows) {
            for (int r = 0; r < rows; r++) {
                out[r] = update(x[r], y[r]);
            }
        }
    }

    /** An operator of three series ({@code If}). */
    non-sealed interface OfThree extends Kernel {
        double update(double x, double y, double z);

        /** {@code out[r] = update(x[r], y[r], z[r])} for r = 0 .. rows-1, in order. */
        default void updateColumn(double[] x, double[] y, double[] z, double[] out, int rows) {
            for (int r = 0; r < rows; r++) {
                out[r] = update(x[r], y[r], z[r]);
            }
        }
    }

    /**
     * An operator of one series with several outputs sharing one state: {@code Slope}, {@code Rsquare} and
     * {@code Resi} of one series and window are one set of regression sums, updated once per row.
     */
    non-sealed interface Fanout extends Kernel {

        /**
         * Takes the row's input and writes output k into {@code values[targets[k]]} for each {@code targets[k] >= 0}
         * (outputs nobody reads are skipped).
         */
        void update(double x, double[] values, int[] targets);

        /**
         * {@code update} row after row: output k of row r into {@code outs[k][r]}, for each non-null
         * {@code outs[k]}.
         */
        void updateColumns(double[] x, double[][] outs, int rows);
    }
}
