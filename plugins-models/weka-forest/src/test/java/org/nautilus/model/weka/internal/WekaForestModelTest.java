package org.nautilus.model.weka.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nautilus.api.research.Dataset;
import org.nautilus.api.research.FittedModel;
import org.nautilus.api.research.ModelMetrics;

class WekaForestModelTest {

    private static final Instant NOW = Instant.parse("2024-03-01T12:00:00Z");
    private final WekaForestModel model = new WekaForestModel(new ForestSettings(30, 7, 0),
            Clock.fixed(NOW, ZoneOffset.UTC));

    /**
     * A learnable relationship: the next return rises with an RSI-like feature (above 50: up) and with a second,
     * noisier feature, plus noise. A naive model (the training mean) cannot follow it.
     */
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

    @Test
    void beatsTheNaiveBaselineOnHeldOutRows() {
        FittedModel fitted = model.fit(synthetic(300, 1));
        ModelMetrics metrics = fitted.metrics();

        assertThat(metrics.model()).isEqualTo("weka-random-forest");
        assertThat(metrics.library()).isEqualTo("weka 3.8.7");
        assertThat(metrics.features()).containsExactly("rsi-14", "momentum-10");
        assertThat(metrics.trainingRows()).isEqualTo(240);
        assertThat(metrics.testRows()).isEqualTo(60);
        assertThat(metrics.trainedAt()).isEqualTo(NOW);
        Map<String, Double> m = metrics.metrics();
        assertThat(m).containsKeys("rmse", "mae", "correlation", "direction-accuracy", "baseline-rmse",
                "baseline-mae", "baseline-direction-accuracy");
        assertThat(m.get("rmse")).isLessThan(0.6 * m.get("baseline-rmse"));
        assertThat(m.get("mae")).isLessThan(0.6 * m.get("baseline-mae"));
        assertThat(m.get("correlation")).isGreaterThan(0.8);
        assertThat(m.get("direction-accuracy")).isGreaterThan(0.8).isGreaterThan(m.get("baseline-direction-accuracy"));
    }

    @Test
    void predictsFromOneRowOfFeatures() {
        FittedModel fitted = model.fit(synthetic(300, 2));
        assertThat(fitted.predict(new double[] {90, 0})).isGreaterThan(0.001);
        assertThat(fitted.predict(new double[] {10, 0})).isLessThan(-0.001);
        assertThatThrownBy(() -> fitted.predict(new double[] {50}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("takes 2 features");
    }

    @Test
    void sameDataAndSeedGrowTheSameForest() {
        Dataset data = synthetic(200, 3);
        FittedModel a = model.fit(data);
        FittedModel b = new WekaForestModel(new ForestSettings(30, 7, 0), Clock.systemUTC()).fit(data);
        assertThat(b.predict(new double[] {63.5, 0.2})).isEqualTo(a.predict(new double[] {63.5, 0.2}));
        assertThat(b.metrics().metrics()).isEqualTo(a.metrics().metrics());
    }

    @Test
    void roundTripsThroughWekaSerialization() throws IOException {
        WekaFittedModel fitted = (WekaFittedModel) model.fit(synthetic(200, 4));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        fitted.writeTo(bytes);

        WekaFittedModel loaded = WekaFittedModel.readFrom(new ByteArrayInputStream(bytes.toByteArray()));
        for (double rsi = 5; rsi < 100; rsi += 10) {
            double[] row = {rsi, -0.3};
            assertThat(loaded.predict(row)).isEqualTo(fitted.predict(row));
        }
        assertThat(loaded.metrics()).isEqualTo(fitted.metrics());
        assertThatThrownBy(() -> WekaFittedModel.readFrom(new ByteArrayInputStream(new byte[] {1, 2, 3})))
                .isInstanceOf(IOException.class).hasMessageContaining("not a saved Weka model");
    }

    @Test
    void maxDepthLimitsTheTrees() {
        Dataset data = synthetic(300, 5);
        FittedModel stumps = new WekaForestModel(new ForestSettings(30, 7, 1), Clock.systemUTC()).fit(data);
        FittedModel deep = model.fit(data);
        // Depth-1 trees split once, so they predict at most a handful of distinct values and fit worse.
        assertThat(stumps.metrics().metrics().get("rmse")).isGreaterThan(deep.metrics().metrics().get("rmse"));
    }

    @Test
    void refusesTooLittleData() {
        assertThatThrownBy(() -> model.fit(synthetic(9, 6)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 10 rows, got 9");
        assertThatThrownBy(() -> model.fit(new Dataset(List.of(), "y", new double[20][0], new double[20])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one feature");
        assertThatThrownBy(() -> new ForestSettings(0, 1, 0)).hasMessageContaining("trees must be at least 1");
    }
}
