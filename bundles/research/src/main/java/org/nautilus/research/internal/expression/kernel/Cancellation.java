package org.nautilus.research.internal.expression.kernel;

/**
 * When running moments are summed again. Welford's removes subtract a leaving value's share from the sums of
 * squares; when the values left are much closer together than the ones that left (a trend that went flat, the
 * last two values of a window emptied by NaNs), that subtraction cancels most digits. So a kernel recomputes
 * its window once a sum of squares falls below {@link #FACTOR} of its peak since it was last recomputed, as well
 * as every window length ({@link SlidingWindow#rebuildDue()}). That costs O(window) when it happens: at most once
 * per row in contrived series (large and tiny values alternating), rarely in prices.
 */
final class Cancellation {

    /** Three decimal digits lost. */
    static final double FACTOR = 1e-3;

    private Cancellation() {
    }
}
