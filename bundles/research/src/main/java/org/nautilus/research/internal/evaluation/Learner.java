package org.nautilus.research.internal.evaluation;

import org.nautilus.api.research.dataset.PanelDataset;

/**
 * Fits a scorer on training rows of a panel: the small contract validation needs (model plugins adapt to it).
 *
 * @param <P> the hyper-parameters
 */
@FunctionalInterface
public interface Learner<P> {

    /** A scorer fitted on {@code trainRows} of {@code panel} with {@code params} (it must read no other row's label). */
    Scorer fit(PanelDataset panel, int[] trainRows, P params);

    /** Scores rows from their features. */
    @FunctionalInterface
    interface Scorer {
        /** The score of {@code row}, whose feature values are {@code features} (possibly permuted). */
        double score(PanelDataset panel, int row, double[] features);
    }
}
