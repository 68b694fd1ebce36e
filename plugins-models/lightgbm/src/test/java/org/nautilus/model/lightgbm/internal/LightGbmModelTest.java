package org.nautilus.model.lightgbm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.ml.lightgbm.PredictionType;
import io.github.metarank.lightgbm4j.LGBMBooster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.api.research.FittedModel;
import org.nautilus.api.research.LabelledMatrix;

class LightGbmModelTest {

    @TempDir
    static Path natives;

    private static LightGbmModel model() {
        return new LightGbmModel(2, natives);
    }

    /** The next return rises with the first feature, falls with the second, plus noise; the third is noise. */
    static LabelledMatrix synthetic(int rows, long seed) {
        Random random = new Random(seed);
        double[][] features = new double[rows][];
        double[] targets = new double[rows];
        for (int i = 0; i < rows; i++) {
            double a = random.nextGaussian();
            double b = random.nextGaussian();
            features[i] = new double[] {a, b, random.nextGaussian()};
            targets[i] = 0.01 * a - 0.005 * b + 0.002 * random.nextGaussian();
        }
        return new LabelledMatrix(List.of("KMID", "ROC($close, 5)", "noise"), "forward-return-1", features, targets);
    }

    private static final Map<String, String> SMALL = Map.of("iterations", "50", "min.data.in.leaf", "5");

    @Test
    void learnsAndRanksFeaturesByGain() {
        FittedModel fitted = model().fit(synthetic(2000, 1), SMALL, 7);
        assertThat(fitted.family()).isEqualTo("lightgbm");
        assertThat(fitted.features()).containsExactly("KMID", "ROC($close, 5)", "noise");
        assertThat(fitted.predict(new double[] {2, 0, 0})).isGreaterThan(0.005);
        assertThat(fitted.predict(new double[] {-2, 0, 0})).isLessThan(-0.005);
        Map<String, Double> importance = fitted.importance();
        assertThat(importance.get("KMID")).isGreaterThan(importance.get("ROC($close, 5)"));
        assertThat(importance.get("ROC($close, 5)")).isGreaterThan(importance.get("noise"));
        assertThatThrownBy(() -> fitted.predict(new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("takes 3 features");
    }

    /** Reproducible: same data, parameters and seed give the same bits; batch equals row by row; so does a reload. */
    @Test
    void deterministicBySeedAndTheSavedModelPredictsTheSameBits() throws IOException {
        LabelledMatrix data = synthetic(2000, 2);
        Map<String, String> bagged = Map.of("iterations", "30", "bagging.fraction", "0.7", "bagging.freq", "1",
                "feature.fraction", "0.7");
        FittedModel a = model().fit(data, bagged, 11);
        FittedModel b = model().fit(data, bagged, 11);
        FittedModel other = model().fit(data, bagged, 12);
        LabelledMatrix probe = synthetic(300, 3);
        double[] batch = a.predict(probe.features());
        assertThat(b.predict(probe.features())).isEqualTo(batch);
        assertThat(other.predict(probe.features())).isNotEqualTo(batch);
        for (int i = 0; i < batch.length; i++) {
            assertThat(Double.doubleToRawLongBits(a.predict(probe.features()[i])))
                    .isEqualTo(Double.doubleToRawLongBits(batch[i]));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        a.save(bytes);
        FittedModel loaded = model().load(new ByteArrayInputStream(bytes.toByteArray()));
        assertThat(loaded.features()).isEqualTo(a.features());
        assertThat(loaded.predict(probe.features())).isEqualTo(batch);
        // Split gains are stored in the text with fewer digits: the reloaded importance is close, not identical.
        a.importance().forEach((feature, gain) -> assertThat(loaded.importance().get(feature)).isCloseTo(gain,
                Percentage.withPercentage(1e-3)));
    }

    /**
     * The fast single-row path predicts what LightGBM's own batch call does, bit for bit: the saved model loaded
     * by lightgbm4j alone is the oracle.
     */
    @Test
    void predictionsEqualLightGbmsOwnBatchCall() throws Exception {
        FittedModel fitted = model().fit(synthetic(3000, 4), Map.of("iterations", "40"), 5);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        fitted.save(bytes);
        String text = bytes.toString(StandardCharsets.UTF_8);
        LabelledMatrix probe = synthetic(500, 6);
        double[] flat = new double[probe.rows() * 3];
        for (int i = 0; i < probe.rows(); i++) {
            System.arraycopy(probe.features()[i], 0, flat, i * 3, 3);
        }
        try (LGBMBooster oracle = LGBMBooster.loadModelFromString(text.substring(text.indexOf('\n') + 1))) {
            double[] expected = oracle.predictForMat(flat, probe.rows(), 3, true,
                    PredictionType.C_API_PREDICT_NORMAL);
            assertThat(fitted.predict(probe.features())).isEqualTo(expected);
            assertThat(fitted.predict(probe.features()[7])).isEqualTo(expected[7]);
        }
    }

    @Test
    void badInputIsRefusedClearly() {
        assertThatThrownBy(() -> model().fit(synthetic(100, 1), Map.of("trees", "3"), 1))
                .hasMessageContaining("no parameter 'trees'").hasMessageContaining("iterations");
        assertThatThrownBy(() -> model().fit(synthetic(100, 1), Map.of("leaves", "many"), 1))
                .hasMessageContaining("leaves must be a number");
        assertThatThrownBy(() -> model().fit(synthetic(5, 1), Map.of(), 1)).hasMessageContaining("at least 10 rows");
        assertThatThrownBy(() -> model().load(new ByteArrayInputStream("hello".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(IOException.class).hasMessageContaining("not a saved lightgbm model");
    }
}
