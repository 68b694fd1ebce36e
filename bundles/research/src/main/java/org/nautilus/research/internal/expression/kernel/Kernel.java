package org.nautilus.research.internal.expression.kernel;

/**
 * One operator over one series: it is given each row's inputs in order, oldest row first, and returns that
 * row's output. A stateful kernel (a rolling window, a shift) belongs to one series of one instrument; a
 * stateless one (arithmetic) may be shared.
 *
 * <p>Batch evaluation (a whole column at a time) and streaming evaluation (one new bar at a time) both drive
 * these very objects with the same inputs in the same order, which is why their outputs are bit-identical.
 */
public sealed interface Kernel permits Kernel.OfOne, Kernel.OfTwo, Kernel.OfThree {

    /** An operator of one series. */
    @FunctionalInterface
    non-sealed interface OfOne extends Kernel {
        double update(double x);
    }

    /** An operator of two series (element-wise arithmetic, rolling correlation). */
    @FunctionalInterface
    non-sealed interface OfTwo extends Kernel {
        double update(double x, double y);
    }

    /** An operator of three series ({@code If}). */
    @FunctionalInterface
    non-sealed interface OfThree extends Kernel {
        double update(double x, double y, double z);
    }
}
