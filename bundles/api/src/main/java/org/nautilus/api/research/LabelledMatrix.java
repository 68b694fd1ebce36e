package org.nautilus.api.research;

import java.util.List;
import java.util.Objects;

/**
 * A training set: rows of feature values with one numeric target each.
 *
 * @param featureNames names of the columns of {@code features}
 * @param targetName   name of the target, e.g. {@code forward-return-1}
 * @param features     one row per sample, each with {@code featureNames.size()} values
 * @param targets      one target per row
 */
public record Dataset(List<String> featureNames, String targetName, double[][] features, double[] targets) {

    public Dataset {
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
