package org.nautilus.factor.sentiment.internal;

import java.time.Duration;
import java.util.Arrays;

/**
 * The decayed average of scored items at a moment: Σ w·s / Σ w over the items at or before t and after
 * t − horizon·halfLife, with w = 2^(−(t − tᵢ)/halfLife). One function for a single moment and for a series of
 * moments, so a batch equals the live value bit for bit.
 */
final class DecayedSentiment {

    private DecayedSentiment() {
    }

    /**
     * @param times  item times in epoch milliseconds, ascending
     * @param scores the items' scores
     * @param count  items to use (the first {@code count})
     * @return the score at {@code at} (epoch ms), NaN with no item in the window
     */
    static double at(long[] times, double[] scores, int count, long at, Duration halfLife, int horizon) {
        double halfLifeMillis = halfLife.toMillis();
        long oldest = at - halfLife.multipliedBy(horizon).toMillis();
        int end = upperBound(times, count, at); // items with time <= at
        double weighted = 0;
        double weights = 0;
        for (int i = end - 1; i >= 0 && times[i] > oldest; i--) {
            double w = Math.pow(2, -(at - times[i]) / halfLifeMillis);
            weighted += w * scores[i];
            weights += w;
        }
        return weights == 0 ? Double.NaN : weighted / weights;
    }

    /** The index after the last time ≤ {@code at}. */
    private static int upperBound(long[] times, int count, long at) {
        int found = Arrays.binarySearch(times, 0, count, at);
        if (found < 0) {
            return -found - 1;
        }
        while (found + 1 < count && times[found + 1] == at) {
            found++;
        }
        return found + 1;
    }
}
