package org.nautilus.research.internal.training;

import java.util.Random;

/** Synthetic prices for training tests. */
final class Pipelines {

    private Pipelines() {
    }

    /**
     * Closes of a strongly mean-reverting market: each return undoes 40 % of the 10-bar momentum (close / close 10
     * bars ago - 1), plus a little noise, so momentum-10 predicts the next return.
     */
    static double[] meanReverting(int count, long seed) {
        Random random = new Random(seed);
        double[] closes = new double[count];
        closes[0] = 100;
        for (int t = 1; t < count; t++) {
            double momentum = t > 10 ? closes[t - 1] / closes[t - 11] - 1 : 0;
            double shock = 0.01 * random.nextGaussian();
            closes[t] = closes[t - 1] * (1 - 0.4 * momentum + shock);
        }
        return closes;
    }
}
