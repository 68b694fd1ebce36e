package org.nautilus.model.weka.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.nautilus.api.research.Dataset;
import org.nautilus.api.research.FittedModel;

class WekaFamiliesTest {

    static Stream<WekaFamily> families() {
        return Stream.of(new WekaRandomForest(), new WekaRidge(), new WekaM5P());
    }

    /** The next return rises with an RSI-like feature and a second, noisier one, plus noise. */
    static Dataset synthetic(int rows, long seed) {
        Random random = new Random(seed);
        double[][] features = new double[rows][];
        double[] targets = new double[rows];
        for (int i = 0; i < rows; i++) {
            double rsi = random.nextDouble() * 100;
            double other = random.nextGaussian();
            features[i] = new double[] {rsi, other};
            targets[i] = 0.004 * (rsi - 50) / 50 + 0.001 * other + 0.0005 * random.nextGaussian();
        }
        return new Dataset(List.of("rsi-14", "momentum-10"), "forward-return-1", features, targets);
    }

    private static final Map<String, String> SMALL = Map.of();

    private static Map<String, String> params(WekaFamily family) {
        return family instanceof WekaRandomForest ? Map.of("trees", "20") : SMALL;
    }

    @ParameterizedTest
    @MethodSource("families")
    void learnsTheRelationship(WekaFamily family) {
        FittedModel fitted = family.fit(synthetic(300, 1), params(family), 7);
        assertThat(fitted.family()).isEqualTo(family.family());
        assertThat(fitted.features()).containsExactly("rsi-14", "momentum-10");
        assertThat(fitted.predict(new double[] {90, 0})).isGreaterThan(0.001);
        assertThat(fitted.predict(new double[] {10, 0})).isLessThan(-0.001);
        assertThatThrownBy(() -> fitted.predict(new double[] {50}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("takes 2 features");
    }

    /** Reproducible: the same data, parameters and seed give bit-identical predictions; so does a saved copy. */
    @ParameterizedTest
    @MethodSource("families")
    void sameSeedSamePredictionsAndTheSavedModelPredictsTheSameBits(WekaFamily family) throws IOException {
        Dataset data = synthetic(200, 3);
        FittedModel a = family.fit(data, params(family), 11);
        FittedModel b = family.fit(data, params(family), 11);
        Dataset probe = synthetic(50, 4);
        double[] expected = a.predict(probe.features());
        assertThat(b.predict(probe.features())).isEqualTo(expected);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        a.save(bytes);
        FittedModel loaded = family.load(new ByteArrayInputStream(bytes.toByteArray()));
        for (int i = 0; i < expected.length; i++) {
            assertThat(Double.doubleToRawLongBits(loaded.predict(probe.features()[i])))
                    .isEqualTo(Double.doubleToRawLongBits(expected[i]));
        }
        assertThat(loaded.importance()).isEqualTo(a.importance());
    }

    @Test
    void theForestAndRidgeRankTheStrongFeatureFirst() {
        for (WekaFamily family : List.of(new WekaRandomForest(), new WekaRidge())) {
            Map<String, Double> importance = family.fit(synthetic(300, 5), params(family), 1).importance();
            assertThat(importance).containsOnlyKeys("rsi-14", "momentum-10");
        }
        Map<String, Double> forest = new WekaRandomForest().fit(synthetic(300, 5), Map.of("trees", "20"), 1).importance();
        assertThat(forest.get("rsi-14")).isGreaterThan(forest.get("momentum-10"));
    }

    @Test
    void aDifferentSeedGrowsADifferentForest() {
        Dataset data = synthetic(200, 3);
        double[] a = new WekaRandomForest().fit(data, Map.of("trees", "10"), 1).predict(data.features());
        double[] b = new WekaRandomForest().fit(data, Map.of("trees", "10"), 2).predict(data.features());
        assertThat(b).isNotEqualTo(a);
    }

    @Test
    void badParametersAreRefusedByName() {
        assertThatThrownBy(() -> new WekaRandomForest().fit(synthetic(50, 1), Map.of("tree", "3"), 1))
                .hasMessageContaining("no parameter 'tree'").hasMessageContaining("trees");
        assertThatThrownBy(() -> new WekaRandomForest().fit(synthetic(50, 1), Map.of("trees", "0"), 1))
                .hasMessageContaining("trees must be at least 1");
        assertThatThrownBy(() -> new WekaRidge().fit(synthetic(50, 1), Map.of("ridge", "x"), 1))
                .hasMessageContaining("ridge must be a number");
        assertThatThrownBy(() -> new WekaM5P().fit(synthetic(5, 1), Map.of(), 1))
                .hasMessageContaining("at least 10 rows");
    }

    @Test
    void anArtifactOfAnotherFamilyIsRefused() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new WekaRidge().fit(synthetic(50, 1), Map.of(), 1).save(bytes);
        assertThatThrownBy(() -> new WekaM5P().load(new ByteArrayInputStream(bytes.toByteArray())))
                .isInstanceOf(IOException.class).hasMessageContaining("weka-ridge model, not weka-m5p");
        assertThatThrownBy(() -> new WekaM5P().load(new ByteArrayInputStream(new byte[] {1, 2, 3})))
                .isInstanceOf(IOException.class).hasMessageContaining("not a saved Weka model");
    }
}
