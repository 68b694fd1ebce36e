package org.nautilus.model.weka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nautilus.api.research.FittedModel;
import org.nautilus.api.research.LabelledMatrix;
import org.nautilus.api.research.Model;
import weka.classifiers.Classifier;
import weka.classifiers.functions.LinearRegression;

/**
 * What every Weka family bundle must do, run by each family's own test (a subclass): learn a planted relationship,
 * reproduce itself bit for bit from the same seed and from its saved artifact, and refuse bad input by name.
 */
public abstract class FamilyContract {

    /** The family under test. */
    protected abstract WekaFamily family();

    /** Parameters that keep the test quick (e.g. fewer trees). */
    protected Map<String, String> quickParameters() {
        return Map.of();
    }

    /** The next return rises with an RSI-like feature and a second, noisier one, plus noise. */
    public static LabelledMatrix synthetic(int rows, long seed) {
        Random random = new Random(seed);
        double[][] features = new double[rows][];
        double[] targets = new double[rows];
        for (int i = 0; i < rows; i++) {
            double rsi = random.nextDouble() * 100;
            double other = random.nextGaussian();
            features[i] = new double[] {rsi, other};
            targets[i] = 0.004 * (rsi - 50) / 50 + 0.001 * other + 0.0005 * random.nextGaussian();
        }
        return new LabelledMatrix(List.of("rsi-14", "momentum-10"), "forward-return-1", features, targets);
    }

    @Test
    void learnsThePlantedRelationship() {
        FittedModel fitted = family().fit(synthetic(300, 1), quickParameters(), 7);
        assertThat(fitted.family()).isEqualTo(family().family());
        assertThat(fitted.features()).containsExactly("rsi-14", "momentum-10");
        double high = fitted.predict(new double[] {90, 0});
        double low = fitted.predict(new double[] {10, 0});
        if (family().output() == Model.Output.PROBABILITY_UP) {
            assertThat(high).isGreaterThan(0.8).isLessThanOrEqualTo(1);
            assertThat(low).isLessThan(0.2).isGreaterThanOrEqualTo(0);
        } else {
            assertThat(high).isGreaterThan(0.001);
            assertThat(low).isLessThan(-0.001);
        }
        assertThatThrownBy(() -> fitted.predict(new double[] {50}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("takes 2 features");
    }

    /** Reproducible: the same data, parameters and seed give bit-identical predictions; so does a saved copy. */
    @Test
    void sameSeedSamePredictionsAndTheSavedModelPredictsTheSameBits() throws IOException {
        LabelledMatrix data = synthetic(200, 3);
        FittedModel a = family().fit(data, quickParameters(), 11);
        FittedModel b = family().fit(data, quickParameters(), 11);
        LabelledMatrix probe = synthetic(50, 4);
        double[] expected = a.predict(probe.features());
        assertThat(b.predict(probe.features())).isEqualTo(expected);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        a.save(bytes);
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        b.save(again);
        assertThat(again.toByteArray()).as("the artifact of a re-run").isEqualTo(bytes.toByteArray());
        FittedModel loaded = family().load(new ByteArrayInputStream(bytes.toByteArray()));
        for (int i = 0; i < expected.length; i++) {
            assertThat(Double.doubleToRawLongBits(loaded.predict(probe.features()[i])))
                    .isEqualTo(Double.doubleToRawLongBits(expected[i]));
        }
        assertThat(loaded.importance()).isEqualTo(a.importance());
    }

    @Test
    void unknownParametersAndTooFewRowsAreRefused() {
        assertThatThrownBy(() -> family().fit(synthetic(50, 1), Map.of("no-such-parameter", "3"), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no parameter 'no-such-parameter'")
                .hasMessageContaining(family().defaultParameters().keySet().iterator().next());
        assertThatThrownBy(() -> family().fit(synthetic(5, 1), quickParameters(), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 10 rows");
    }

    @Test
    void anArtifactOfAnotherFamilyOrGarbageIsRefused() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new OtherFamily().fit(synthetic(50, 1), Map.of(), 1).save(bytes);
        assertThatThrownBy(() -> family().load(new ByteArrayInputStream(bytes.toByteArray())))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("weka-contract-other model, not " + family().family());
        assertThatThrownBy(() -> family().load(new ByteArrayInputStream(new byte[] {1, 2, 3})))
                .isInstanceOf(IOException.class).hasMessageContaining("not a saved Weka model");
    }

    /** A family of the contract's own, so an artifact of another family exists without depending on a bundle. */
    static final class OtherFamily extends WekaFamily {
        @Override
        public String family() {
            return "weka-contract-other";
        }

        @Override
        public String description() {
            return "least squares, for the contract test";
        }

        @Override
        public Map<String, String> defaultParameters() {
            return Map.of();
        }

        @Override
        protected Classifier classifier(Parameters parameters, long seed) {
            return new LinearRegression();
        }
    }
}
