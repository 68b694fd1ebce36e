package org.nautilus.api.research;

import java.util.List;
import java.util.Objects;

/**
 * A labelled feature matrix: rows of feature values with one numeric target each, what a {@link Model} fits on
 * (and, for the held-out rows of a split, predicts over). A research panel gives one with
 * {@link org.nautilus.api.research.dataset.PanelDataset#toMatrix()}; the panel keeps the instruments, dates and
 * provenance that this plain matrix leaves out. (It was called {@code Dataset} before api.research 3.0.0, a name that
 * said nothing next to {@code PanelDataset} and the {@code dataset} package.)
 *
 * @param featureNames names of the columns of {@code features}
 * @param targetName   name of the target, e.g. {@code forward-return-1}
 * @param features     one row per sample, each with {@code featureNames.size()} values
 * @param targets      one target per row
 */
public record LabelledMatrix(List<String> featureNames, String targetName, double[][] features, double[] targets) {

    public LabelledMatrix {
        featureNames = List.copyOf(featureNames);
        Objects.requireNonNull(targetName, "targetName");
        if (features.length != targets.length) {
            throw new IllegalArgumentException(features.length + " feature rows but " + targets.length + " targets");
        }
        for (double[] row : features) {
            if (row.length != featureNames.size()) {
                throw new IllegalArgumentException("a row has " + row.length + " values for "
                        + featureNames.size() + " features");
            }
        }
    }

    public int rows() {
        return targets.length;
    }
}
