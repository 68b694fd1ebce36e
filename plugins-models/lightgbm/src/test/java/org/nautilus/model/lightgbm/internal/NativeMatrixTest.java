package org.nautilus.model.lightgbm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMDataset;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.api.research.LabelledMatrix;

class NativeMatrixTest {

    @TempDir
    static Path natives;

    /**
     * The buffer written in bulk holds what lightgbm4j's value-by-value {@code createFromMat} writes: the two datasets
     * train to the same model text, tree for tree.
     */
    @Test
    void theBulkDatasetTrainsTheSameTreesAsLightGbm4jsOwn() throws Exception {
        LightGbmModel model = new LightGbmModel(2, natives);
        LabelledMatrix data = LightGbmModelTest.synthetic(3000, 9);
        String params = model.parameterString(Map.of("iterations", "20"), 3);
        int columns = data.featureNames().size();
        float[] flat = new float[data.rows() * columns];
        float[] labels = new float[data.rows()];
        for (int i = 0; i < data.rows(); i++) {
            for (int f = 0; f < columns; f++) {
                flat[i * columns + f] = (float) data.features()[i][f];
            }
            labels[i] = (float) data.targets()[i];
        }
        try (LGBMDataset bulk = NativeMatrix.dataset(data.features(), columns, params);
                LGBMDataset own = LGBMDataset.createFromMat(flat, data.rows(), columns, true, params, null)) {
            assertThat(bulk.getNumData()).isEqualTo(3000);
            assertThat(bulk.getNumFeatures()).isEqualTo(columns);
            assertThat(trained(bulk, labels, params)).isEqualTo(trained(own, labels, params));
        }
    }

    private static String trained(LGBMDataset dataset, float[] labels, String params) throws Exception {
        dataset.setField("label", labels);
        try (LGBMBooster booster = LGBMBooster.create(dataset, params)) {
            for (int i = 0; i < 20; i++) {
                booster.updateOneIter();
            }
            return booster.saveModelToString(0, 0, LGBMBooster.FeatureImportanceType.GAIN);
        }
    }
}
